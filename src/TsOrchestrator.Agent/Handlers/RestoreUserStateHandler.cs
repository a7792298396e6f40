using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Restore User State: copies what Capture User State put in the state store back, each folder to its path under the
/// restore root (the step's <c>TargetRoot</c>, "Restore to", else the agent's target root), keeping relative paths,
/// times and modes, replacing files already there. A file that cannot be written is skipped and named when
/// <c>ContinueOnRestore</c> (the default), else it fails the step. A missing store, or one without a capture, fails.
/// </summary>
/// <remarks>
/// When the store is the staging folder of a store Request State Store requested for restore, the state is first
/// downloaded from the state migration point into it (whole, or the step fails with nothing restored), and the local
/// copy is removed once restored.
/// </remarks>
internal sealed class RestoreUserStateHandler(StateMigrationPoint? point = null) : IStepHandler
{
    public string TypeId => StepTypeIds.RestoreUserState;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var store = UserStateStore.Path(context);
        var root = RestoreRoot(context);
        var requested = StateMigrationPoint.RequestedStore(context, store, point);
        if (requested is not null)
        {
            await DownloadAsync(context, point!, requested, store, cancellationToken);
        }

        if (!Directory.Exists(store))
        {
            throw new StepFailedException($"the state store {store} does not exist: there is no user state to restore");
        }

        var state = Path.Combine(store, UserStateStore.StateFolder);
        var manifest = Path.Combine(state, UserStateStore.ManifestFile);
        if (!File.Exists(manifest))
        {
            throw new StepFailedException($"the state store {store} holds no captured user state (no {UserStateStore.StateFolder}/{UserStateStore.ManifestFile}): run Capture User State into it first");
        }

        if (context.Setting("UsmtRestorePackageID") is { Length: > 0 } usmt)
        {
            context.Log.Line($"the user state migration tool package {usmt} is not used on this platform: the agent copies the folders itself");
        }

        var continueOnError = !context.Settings.TryGetValue("ContinueOnRestore", out var setting) || !bool.TryParse(setting, out var flag) || flag;
        var tally = new ArchiveTally(context.Log);
        var copier = new TreeCopier(tally, continueOnError, "restored");
        context.Log.Line($"restoring user state from {store} to {root}");
        foreach (var line in File.ReadAllLines(manifest).Where(l => l.StartsWith(UserStateStore.FolderLine, StringComparison.Ordinal)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = line[UserStateStore.FolderLine.Length..];
            var source = Path.Combine(state, UserStateStore.FilesFolder, key);
            var destination = Path.GetFullPath(Path.Combine(root, key));

            // The manifest is only as trustworthy as the store it lies in: a folder must stay under the restore root.
            if (key.Length == 0 || !TargetRoots.IsAtOrUnder(destination, root) || !Directory.Exists(source))
            {
                throw new StepFailedException($"the state store {store} is damaged: its manifest names the folder '{key}', which it does not hold or which lies outside {root}");
            }

            context.Log.Line($"restoring {key} to {destination}");
            copier.Copy(source, destination, key, root);
        }

        copier.FinishFolders();
        context.Log.Line($"restored {tally}");
        tally.Skipped.WriteSummary();
        if (requested is not null)
        {
            StagedTree.Delete(state, UnixFileKind.Directory);
        }

        return new WorkItemResult { ExitCode = 0 };
    }

    /// <summary>The store's state, downloaded and unpacked into <c>UserState</c> of the staging folder, replacing what was there.</summary>
    private static async Task DownloadAsync(StepContext context, StateMigrationPoint point, string storeId, string store, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(store);
        var archive = Path.Combine(store, UserStateStore.StateFolder + ".tar");
        var unpacked = Path.Combine(store, UserStateStore.StateFolder + ".partial");
        var state = Path.Combine(store, UserStateStore.StateFolder);
        try
        {
            context.Log.Line($"downloading the user state of state store {storeId}");
            await point.DownloadAsync(storeId, archive, context.Log, cancellationToken);
            foreach (var stale in (string[])[unpacked, state])
            {
                if (Directory.Exists(stale))
                {
                    StagedTree.Delete(stale, UnixFileKind.Directory);
                }
            }

            Directory.CreateDirectory(unpacked);
            var extractor = new ArchiveExtractor(unpacked, (long)(new DriveInfo(store).AvailableFreeSpace * 0.9), context.Log);
            extractor.Extract(archive, ArchiveFormat.Tar, cancellationToken);
            Directory.Move(unpacked, state);
            extractor.ApplyDirectoryMetadata(state);
            context.Log.Line($"downloaded {extractor.Tally}");
        }
        catch (Exception) when (Directory.Exists(unpacked))
        {
            StagedTree.Delete(unpacked, UnixFileKind.Directory);
            throw;
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static string RestoreRoot(StepContext context)
    {
        var configured = context.Setting("TargetRoot").Trim() is { Length: > 0 } named ? named : context.Options.TargetRoot;
        if (configured is not { Length: > 0 })
        {
            throw new StepFailedException("the step has nowhere to restore to: set Restore to (TargetRoot) or start the agent with --target-root");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured));
        return Directory.Exists(root) ? root : throw new StepFailedException($"the folder to restore to, {root}, does not exist");
    }
}
