using System.Text;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Capture User State: copies the user data folders (<c>Folders</c>, one per line; a relative one is under the
/// target root; none means every home folder, <c>home</c> under the target root) into the state store, keeping
/// relative paths, times and modes, with the <c>Include</c>/<c>Exclude</c> patterns of <see cref="UserStatePatterns"/>.
/// A file that cannot be read is skipped and named when <c>ContinueOnLockedFiles</c> (the default), else it fails
/// the step. The files are copied by the agent itself: a user state migration tool package is not used here.
/// </summary>
/// <remarks>
/// When the store is the staging folder of a store Request State Store requested, the capture is then uploaded to the
/// server's state migration point (a tar archive, streamed from a file) and the local copy removed.
/// </remarks>
internal sealed class CaptureUserStateHandler(StateMigrationPoint? point = null) : IStepHandler
{
    public string TypeId => StepTypeIds.CaptureUserState;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var store = UserStateStore.Path(context);
        var requested = StateMigrationPoint.RequestedStore(context, store, point);
        var root = context.Options.TargetRoot is { Length: > 0 } configured ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured)) : null;
        var folders = Folders(context, root);
        if (context.Setting("UsmtPackageID") is { Length: > 0 } usmt)
        {
            context.Log.Line($"the user state migration tool package {usmt} is not used on this platform: the agent copies the folders itself");
        }

        var patterns = UserStatePatterns.From(context);
        var continueOnLocked = !context.Settings.TryGetValue("ContinueOnLockedFiles", out var setting) || !bool.TryParse(setting, out var flag) || flag;
        Directory.CreateDirectory(store);
        var partial = Path.Combine(store, $"{UserStateStore.StateFolder}.{Guid.NewGuid():N}.partial");
        var tally = new ArchiveTally(context.Log);
        var copier = new TreeCopier(tally, continueOnLocked, "read")
        {
            Filter = patterns.SkipReason,
            Avoid = [store],
            KeepEmptyFolders = !patterns.HasIncludes,
        };

        context.Log.Line($"capturing user state into {store}");
        Directory.CreateDirectory(partial);
        var manifest = new StringBuilder();
        try
        {
            foreach (var (folder, key) in folders)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (UnixFiles.Kind(folder) != UnixFileKind.Directory)
                {
                    tally.Skipped.Skip(folder, "the folder does not exist");
                    continue;
                }

                if (TargetRoots.IsAtOrUnder(folder, store))
                {
                    tally.Skipped.Skip(folder, "the folder is inside the state store");
                    continue;
                }

                context.Log.Line($"capturing {folder}");
                copier.Copy(folder, Path.Combine(partial, UserStateStore.FilesFolder, key), folder, partial);
                manifest.Append(UserStateStore.FolderLine).Append(key).Append('\n');
            }

            copier.FinishFolders();
            File.WriteAllText(Path.Combine(partial, UserStateStore.ManifestFile), manifest.ToString());
            var final = Path.Combine(store, UserStateStore.StateFolder);
            if (Directory.Exists(final))
            {
                StagedTree.Delete(final, UnixFileKind.Directory);
            }

            Directory.Move(partial, final);
            DirectorySync.Flush(store);
        }
        catch (Exception ex)
        {
            if (Directory.Exists(partial))
            {
                StagedTree.Delete(partial, UnixFileKind.Directory);
            }

            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new StepFailedException($"the user state could not be written to the state store {store}: {ex.Message}");
            }

            throw;
        }

        context.Log.Line($"captured {tally}");
        tally.Skipped.WriteSummary();
        if (requested is not null)
        {
            await UploadAsync(context, point!, requested, store, cancellationToken);
        }

        return new WorkItemResult { ExitCode = 0 };
    }

    private static async Task UploadAsync(StepContext context, StateMigrationPoint point, string storeId, string store, CancellationToken cancellationToken)
    {
        var state = Path.Combine(store, UserStateStore.StateFolder);
        var archive = Path.Combine(store, UserStateStore.StateFolder + ".tar");
        try
        {
            File.Delete(archive);
            ArchiveBuilder.Write(state, archive, ArchiveFormat.Tar, new Dictionary<string, string>(), context.Log, cancellationToken);
            context.Log.Line($"uploading the user state ({new FileInfo(archive).Length:N0} bytes) to state store {storeId}");
            await point.UploadAsync(storeId, archive, context.Log, cancellationToken);
        }
        catch (IOException ex)
        {
            throw new StepFailedException($"the user state could not be packed for state store {storeId}: {ex.Message}");
        }
        finally
        {
            File.Delete(archive);
        }

        // The state is on the server now: no copy of the users' files stays in the agent's folder.
        StagedTree.Delete(state, UnixFileKind.Directory);
        context.Log.Line($"the user state is stored in state store {storeId} on the state migration point");
    }

    /// <summary>The folders to capture, each with the path it is kept under in the store.</summary>
    private static List<(string Folder, string Key)> Folders(StepContext context, string? root)
    {
        var named = UserStatePatterns.Lines(context.Setting("Folders"));
        if (named.Count == 0)
        {
            if (root is null)
            {
                throw new StepFailedException("the step names no folders to capture and the agent has no target root to find home folders under: set Folders or start the agent with --target-root");
            }

            // Each home folder on its own, so that one user's unreadable folder does not hide the others.
            var home = Path.Combine(root, "home");
            return Directory.Exists(home)
                ? [.. Directory.GetDirectories(home).Order(StringComparer.Ordinal).Select(f => (f, Key(f, root)))]
                : throw new StepFailedException($"the step names no folders to capture and {home} does not exist: set Folders");
        }

        var folders = new List<(string, string)>();
        foreach (var line in named)
        {
            if (!Path.IsPathRooted(line) && root is null)
            {
                throw new StepFailedException($"the folder {line} is relative to the target root, and the agent has none: give a full path or start the agent with --target-root");
            }

            var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(line, root ?? "/"));
            folders.Add((folder, Key(folder, root)));
        }

        return folders;
    }

    /// <summary>Where a folder is kept in the store: its path under the target root, or under / when outside it.</summary>
    private static string Key(string folder, string? root)
    {
        var relative = root is not null && TargetRoots.IsAtOrUnder(folder, root) ? Path.GetRelativePath(root, folder) : folder.TrimStart('/');
        return relative.Length == 0 || relative == "." ? "." : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
