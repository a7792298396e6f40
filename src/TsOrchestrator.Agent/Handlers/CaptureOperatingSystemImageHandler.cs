using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Capture Operating System Image for archive images: archives the applied system (or the agent's target root) into <c>CaptureDestination</c>,
/// its format chosen by the extension (.tar, .tar.gz/.tgz, .tar.zst, .zip). The archive is written beside the
/// destination under a temporary name and renamed into place only when complete, so the destination holds either the
/// previous image or the whole new one. The description, version and creator go into the archive's own metadata.
/// </summary>
internal sealed class CaptureOperatingSystemImageHandler : IStepHandler
{
    public string TypeId => StepTypeIds.CaptureOperatingSystemImage;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Setting("CaptureUsername") is { Length: > 0 } account)
        {
            throw new StepFailedException($"capturing as the account {account} is not supported on linux: the agent writes the image as its own user, so give it access to the destination");
        }

        // The applied system (OSDTargetSystemDrive, mounted again from OSDTargetSystemPartition after a restart into the
        // boot image), else the agent's target root: a build-and-capture sequence captures the disk it built.
        var root = await TargetSystemRoot.RequireAsync(context, "Capture Operating System Image", cancellationToken);
        if (context.Setting("CaptureDestination").Trim() is not { Length: > 0 } named)
        {
            throw new StepFailedException("the step names no destination: set CaptureDestination to the image file to write");
        }

        var destination = Path.GetFullPath(named);
        var format = ArchiveFormats.Detect(destination);
        if (TargetRoots.IsAtOrUnder(destination, root))
        {
            throw new StepFailedException($"the destination {destination} is inside the target root {root} being captured: the image would hold itself");
        }

        var folder = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.partial");
        context.Log.Line($"capturing {root} to {destination} ({format})");
        ArchiveTally tally;
        try
        {
            tally = ArchiveBuilder.Write(root, partial, format, Description(context), context.Log, cancellationToken);
            File.Move(partial, destination, overwrite: true);
            DirectorySync.Flush(folder);
        }
        catch (Exception ex)
        {
            File.Delete(partial);
            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new StepFailedException($"the image could not be written to {destination}: {ex.Message}");
            }

            throw;
        }

        string hash;
        await using (var written = File.OpenRead(destination))
        {
            // Named as the content library will name it, so the captured image can be matched once imported.
            hash = await ContentHash.ComputeAsync(written, expected: null, cancellationToken);
        }

        context.Log.Line($"captured {tally}");
        tally.Skipped.WriteSummary();
        context.Log.Line($"{destination}: {new FileInfo(destination).Length} bytes, content hash {hash}");
        return new WorkItemResult { ExitCode = 0 };
    }

    private static Dictionary<string, string> Description(StepContext context)
    {
        var description = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (setting, key) in new[] { ("ImageDescription", "description"), ("ImageVersion", "version"), ("ImageCreator", "creator") })
        {
            if (context.Setting(setting) is { Length: > 0 } value)
            {
                description[$"tsorch.image.{key}"] = value;
            }
        }

        return description;
    }
}
