using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Apply Operating System Image for archive images: extracts a .tar, .tar.gz, .tar.zst or .zip image into the agent's
/// target root. The image comes from <c>ImagePackageID</c>: a package downloaded earlier in the run (its folder is in
/// <c>_TSPackagePath&lt;PackageID&gt;</c>) or, when the setting holds an absolute path, that file or folder. The archive is
/// extracted to a staging folder first, so a damaged image leaves the target as it was; only then is the target wiped
/// (as Configuration Manager wipes the volume, keeping <c>_SMSTSProtectedPaths</c> and the state store) and the new
/// tree moved in. <c>WipePartition=false</c> keeps what is there and lays the image over it.
/// </summary>
internal sealed class ApplyOperatingSystemImageHandler(Func<string, long>? freeSpace = null) : IStepHandler
{
    /// <summary>Set by a Download Package Content step to the folder a package was downloaded to.</summary>
    public const string PackagePathPrefix = "_TSPackagePath";

    public const string StagingPrefix = ".tsorch-staging-";

    /// <summary>Set by the step: the folder the system was applied to, as Configuration Manager names the drive.</summary>
    public const string TargetSystemVariable = "OSDTargetSystemDrive";

    /// <summary>The image may fill at most this share of the free space, leaving room for the system to run.</summary>
    private const double FreeSpaceShare = 0.9;

    private readonly Func<string, long> _freeSpace = freeSpace ?? (path => new DriveInfo(path).AvailableFreeSpace);

    public string TypeId => StepTypeIds.ApplyOperatingSystemImage;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        RefuseWindowsOnlySettings(context);
        var root = TargetRoots.Require(context, "Apply Operating System Image");
        var destination = Destination(context, root);
        var image = FindImage(context);
        var format = ArchiveFormats.Detect(image);
        var wipe = !(context.Settings.TryGetValue("WipePartition", out var wipeSetting) && bool.TryParse(wipeSetting, out var flag) && !flag);

        RemoveAbandonedStaging(destination, context.Log);
        var limit = (long)(_freeSpace(destination) * FreeSpaceShare);
        context.Log.Line($"applying {image} ({format}, {new FileInfo(image).Length} bytes) to {destination}; it may expand to {limit} bytes");

        var staging = Path.Combine(destination, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        var extractor = new ArchiveExtractor(staging, limit, context.Log);
        try
        {
            extractor.Extract(image, format, cancellationToken);
        }
        catch
        {
            StagedTree.Delete(staging, UnixFileKind.Directory);
            context.Log.Line($"nothing was changed in {destination}: the partly extracted image was removed");
            throw;
        }

        context.Log.Line($"extracted {extractor.Tally}");
        extractor.Tally.Skipped.WriteSummary();
        try
        {
            if (wipe)
            {
                var keep = Kept(context, destination, staging);
                var deleted = StagedTree.Wipe(destination, keep);
                context.Log.Line($"wiped {destination}: {deleted} item(s) deleted; kept {(keep.Count > 1 ? string.Join(", ", keep.Where(k => k != staging)) : "nothing")}");
            }
            else
            {
                context.Log.Line($"WipePartition is false: the image is laid over what {destination} holds");
            }

            StagedTree.MoveInto(staging, destination);
            Directory.Delete(staging);
            extractor.ApplyDirectoryMetadata(destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(
                $"the image was extracted but could not be put in place in {destination}: {ex.Message}. The target root now holds part of the old and new systems; what was not moved is in {staging}. Run the step again to apply the image afresh");
        }

        context.Log.Line($"applied {image} to {destination}");
        return Task.FromResult(new WorkItemResult
        {
            ExitCode = 0,
            Variables = new Dictionary<string, string> { [TargetSystemVariable] = destination },
        });
    }

    /// <summary>The folder the image goes to: the target root, or the folder inside it that the step names.</summary>
    private static string Destination(StepContext context, string root)
    {
        if (context.Setting("DestinationPath").Trim() is not { Length: > 0 } named)
        {
            return root;
        }

        var destination = Path.TrimEndingDirectorySeparator(Path.GetFullPath(named, root));
        if (!TargetRoots.IsAtOrUnder(destination, root))
        {
            throw new StepFailedException($"the destination {named} is outside the agent's target root {root}: refused");
        }

        Directory.CreateDirectory(destination);
        return destination;
    }

    private static string FindImage(StepContext context)
    {
        var reference = context.Setting("ImagePackageID").Trim();
        string source;
        if (reference.Length == 0)
        {
            throw new StepFailedException("the step names no image: set the image package (ImagePackageID) to a package downloaded earlier in the run, or to the image file's path");
        }

        if (Path.IsPathRooted(reference))
        {
            source = reference;
        }
        else if (context.Variables.TryGetValue(PackagePathPrefix + reference, out var downloaded) && downloaded.Length > 0)
        {
            source = downloaded;
        }
        else
        {
            throw new StepFailedException($"the image package {reference} is not on this device: download it with a Download Package Content step first (it sets {PackagePathPrefix}{reference})");
        }

        if (File.Exists(source))
        {
            return source;
        }

        if (!Directory.Exists(source))
        {
            throw new StepFailedException($"the image {source} does not exist");
        }

        // A package folder: the image is the one archive in it.
        var archives = Directory.GetFiles(source).Where(IsArchive).Order(StringComparer.Ordinal).ToList();
        return archives.Count switch
        {
            1 => archives[0],
            0 => throw new StepFailedException($"the image package folder {source} holds no archive image ({ArchiveFormats.Supported})"),
            _ => throw new StepFailedException($"the image package folder {source} holds more than one archive image ({string.Join(", ", archives.Select(Path.GetFileName))}): set ImagePackageID to the path of the one to apply"),
        };
    }

    private static bool IsArchive(string path)
    {
        try
        {
            ArchiveFormats.Detect(path);
            return true;
        }
        catch (StepFailedException)
        {
            return false;
        }
    }

    private static void RefuseWindowsOnlySettings(StepContext context)
    {
        if (context.Setting("ImageIndex").Trim() is { Length: > 0 } index && index != "1")
        {
            throw new StepFailedException($"image index {index} was asked for, but an archive image holds a single image (index 1)");
        }

        if (context.Setting("ConfigFileName") is { Length: > 0 } || context.Setting("ConfigFilePackage") is { Length: > 0 })
        {
            throw new StepFailedException("an unattended answer file is not supported for archive images: configure the applied system with a later step");
        }

        if (context.Setting("InstallPackageID") is { Length: > 0 } install)
        {
            throw new StepFailedException($"applying from the upgrade package {install} (original installation source) is not supported for archive images: use an image package");
        }
    }

    /// <summary>
    /// What the wipe keeps: the staging folder, the paths the run protects (<c>_SMSTSProtectedPaths</c>), the user
    /// state store of a wipe-and-load, and the agent's own state (its journal, if it lives under the target root).
    /// </summary>
    private static List<string> Kept(StepContext context, string destination, string staging)
    {
        var candidates = new List<string> { staging, context.Options.StateDirectory, context.WorkDirectory };
        foreach (var name in new[] { "_SMSTSProtectedPaths", "OSDStateStorePath", "_SMSTSUserStatePath" })
        {
            if (context.Variables.TryGetValue(name, out var value))
            {
                candidates.AddRange(value.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return candidates
            .Select(path => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, destination)))
            .Where(path => TargetRoots.IsAtOrUnder(path, destination) && path != destination)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An attempt killed mid-way (power loss, SIGKILL) leaves its staging folder; the retry starts clean.</summary>
    private static void RemoveAbandonedStaging(string destination, StepLog log)
    {
        foreach (var folder in Directory.GetDirectories(destination, StagingPrefix + "*"))
        {
            log.Line($"removing {folder}, left by an earlier attempt");
            StagedTree.Delete(folder, UnixFileKind.Directory);
        }
    }
}
