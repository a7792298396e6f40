using System.Globalization;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// What Apply Operating System Image and Apply Data Image share: the image is found (a package downloaded earlier in
/// the run, its folder in <c>_TSPackagePath&lt;PackageID&gt;</c>, or an absolute path) and extracted to a staging folder
/// on the destination first, so a damaged image leaves the destination as it was; only then is the destination wiped
/// (keeping <c>_SMSTSProtectedPaths</c>, the state store, <c>_SMSTaskSequence</c> and the agent's own state) and the
/// new tree moved in. An attempt cut short anywhere (power loss) is undone by the next one: its staging folder is
/// removed and the wipe takes whatever half of a tree it had moved in, so a retry leaves exactly the image.
/// </summary>
internal sealed class ImageApplier(Func<string, long>? freeSpace = null)
{
    /// <summary>Set by a Download Package Content step to the folder a package was downloaded to.</summary>
    public const string PackagePathPrefix = "_TSPackagePath";

    public const string StagingPrefix = ".tsorch-staging-";

    /// <summary>The folder on the target partition that holds the run's state while the boot image runs it.</summary>
    public const string TaskSequenceFolder = "_SMSTaskSequence";

    /// <summary>The image may fill at most this share of the free space, leaving room for the system to run.</summary>
    private const double FreeSpaceShare = 0.9;

    private readonly Func<string, long> _freeSpace = freeSpace ?? (path => new DriveInfo(path).AvailableFreeSpace);

    /// <summary>The image file the step names, checked before anything is touched.</summary>
    public static (string Path, ArchiveFormat Format, int Index) FindImage(StepContext context)
    {
        var image = Find(context);
        var format = ArchiveFormats.DetectImage(image);
        var indexText = context.Setting("ImageIndex").Trim();
        var index = 1;
        if (indexText.Length > 0 && (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out index) || index < 1))
        {
            throw new StepFailedException($"ImageIndex: '{indexText}' is not an image index (from 1)");
        }

        if (format != ArchiveFormat.Wim && index != 1)
        {
            throw new StepFailedException($"ImageIndex: image index {index} was asked for, but an archive image holds a single image (index 1)");
        }

        return (image, format, index);
    }

    public async Task ApplyAsync(StepContext context, (string Path, ArchiveFormat Format, int Index) image, string destination, bool wipe, CancellationToken cancellationToken)
    {
        RemoveAbandonedStaging(destination, context.Log);
        var limit = (long)(_freeSpace(destination) * FreeSpaceShare);
        context.Log.Line($"applying {image.Path} ({image.Format}, index {image.Index}, {new FileInfo(image.Path).Length} bytes) to {destination}; it may expand to {limit} bytes");

        var staging = Path.Combine(destination, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        ArchiveExtractor? extractor = null;
        try
        {
            if (image.Format == ArchiveFormat.Wim)
            {
                await WimImages.ApplyAsync(image.Path, image.Index, staging, context.Log, cancellationToken);
            }
            else
            {
                extractor = new ArchiveExtractor(staging, limit, context.Log);
                extractor.Extract(image.Path, image.Format, cancellationToken);
            }
        }
        catch
        {
            StagedTree.Delete(staging, UnixFileKind.Directory);
            context.Log.Line($"nothing was changed in {destination}: the partly extracted image was removed");
            throw;
        }

        if (extractor is not null)
        {
            context.Log.Line($"extracted {extractor.Tally}");
            extractor.Tally.Skipped.WriteSummary();
        }

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
            extractor?.ApplyDirectoryMetadata(destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(
                $"the image was extracted but could not be put in place in {destination}: {ex.Message}. The destination now holds part of the old and new trees; what was not moved is in {staging}. Run the step again to apply the image afresh");
        }

        context.Log.Line($"applied {image.Path} to {destination}");
    }

    private static string Find(StepContext context)
    {
        var reference = context.Setting("ImagePackageID").Trim();
        string source;
        if (reference.Length == 0)
        {
            throw new StepFailedException("ImagePackageID: the step names no image: set it to a package downloaded earlier in the run, or to the image file's path");
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
            throw new StepFailedException($"ImagePackageID: the image package {reference} is not on this device: download it with a Download Package Content step first (it sets {PackagePathPrefix}{reference})");
        }

        if (File.Exists(source))
        {
            return source;
        }

        if (!Directory.Exists(source))
        {
            throw new StepFailedException($"ImagePackageID: the image {source} does not exist");
        }

        // A package folder: the image is the one archive in it.
        var archives = Directory.GetFiles(source).Where(IsImage).Order(StringComparer.Ordinal).ToList();
        return archives.Count switch
        {
            1 => archives[0],
            0 => throw new StepFailedException($"ImagePackageID: the image package folder {source} holds no image ({ArchiveFormats.SupportedImages})"),
            _ => throw new StepFailedException($"ImagePackageID: the image package folder {source} holds more than one image ({string.Join(", ", archives.Select(Path.GetFileName))}): set ImagePackageID to the path of the one to apply"),
        };
    }

    private static bool IsImage(string path)
    {
        try
        {
            ArchiveFormats.DetectImage(path);
            return true;
        }
        catch (StepFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// What the wipe keeps: the staging folder, the paths the run protects (<c>_SMSTSProtectedPaths</c>), the user
    /// state store of a wipe-and-load, and the agent's own state (its journal, if it lives under the destination).
    /// </summary>
    private static List<string> Kept(StepContext context, string destination, string staging)
    {
        // _SMSTaskSequence at the partition's root is kept by name, as Configuration Manager keeps it: in a boot image the
        // agent's state lives there (moved after Format and Partition Disk), reached through another mount of the same
        // partition, so its path is not under the destination's and would otherwise be wiped with the journal in it.
        var candidates = new List<string> { staging, context.Options.StateDirectory, context.WorkDirectory, Path.Combine(destination, TaskSequenceFolder) };
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
