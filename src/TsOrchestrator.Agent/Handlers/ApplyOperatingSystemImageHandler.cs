using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Apply Operating System Image: a .tar, .tar.gz, .tar.zst, .zip or .wim image (see <see cref="ImageApplier"/>) to a
/// partition the agent mounts (<see cref="ImageDestinations"/>) or, with no destination chosen, to the agent's target
/// root. Sets <c>OSDTargetSystemDrive</c> to the folder it applied to and, for a partition,
/// <c>OSDTargetSystemPartition</c> to its device node, for the steps that configure the applied system
/// (<see cref="TargetSystem"/>). <c>WipePartition=false</c> keeps what is there and lays the image over it.
/// </summary>
internal sealed class ApplyOperatingSystemImageHandler(Func<string, long>? freeSpace = null) : IStepHandler
{
    /// <summary>Set by a Download Package Content step to the folder a package was downloaded to.</summary>
    public const string PackagePathPrefix = ImageApplier.PackagePathPrefix;

    public const string StagingPrefix = ImageApplier.StagingPrefix;

    /// <summary>Set by the step: the folder the system was applied to, as Configuration Manager names the drive.</summary>
    public const string TargetSystemVariable = TargetSystemRoot.DriveVariable;

    private readonly ImageApplier _applier = new(freeSpace);

    public string TypeId => StepTypeIds.ApplyOperatingSystemImage;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        RefuseWindowsOnlySettings(context);
        if (ImageDestinations.UsesTargetRoot(context, dataImage: false))
        {
            TargetRoots.Require(context, "Apply Operating System Image");
        }

        var image = ImageApplier.FindImage(context);
        var target = await ImageDestinations.ResolveAsync(context, "Apply Operating System Image", dataImage: false, cancellationToken);
        var destination = target.Partition is null ? Inside(context, target.Folder) : target.Folder;
        var wipe = !(context.Settings.TryGetValue("WipePartition", out var wipeSetting) && bool.TryParse(wipeSetting, out var flag) && !flag);

        await _applier.ApplyAsync(context, image, destination, wipe, cancellationToken);
        var variables = new Dictionary<string, string> { [TargetSystemRoot.DriveVariable] = destination };
        if (target.Partition is { } partition)
        {
            variables[TargetSystemRoot.PartitionVariable] = partition;
        }

        return new WorkItemResult { ExitCode = 0, Variables = variables };
    }

    /// <summary>The folder the image goes to: the target root, or the folder inside it that the step names.</summary>
    private static string Inside(StepContext context, string root)
    {
        if (context.Setting("DestinationPath").Trim() is not { Length: > 0 } named)
        {
            return root;
        }

        var destination = Path.TrimEndingDirectorySeparator(Path.GetFullPath(named, root));
        if (!TargetRoots.IsAtOrUnder(destination, root))
        {
            throw new StepFailedException($"DestinationPath: the destination {named} is outside the agent's target root {root}: refused");
        }

        Directory.CreateDirectory(destination);
        return destination;
    }

    private static void RefuseWindowsOnlySettings(StepContext context)
    {
        if (context.Setting("ConfigFileName") is { Length: > 0 } || context.Setting("ConfigFilePackage") is { Length: > 0 })
        {
            throw new StepFailedException("ConfigFileName: an unattended answer file is not supported for archive images: configure the applied system with a later step");
        }

        if (context.Setting("InstallPackageID") is { Length: > 0 } install)
        {
            throw new StepFailedException($"InstallPackageID: applying from the upgrade package {install} (original installation source) is not supported for archive images: use an image package");
        }
    }
}
