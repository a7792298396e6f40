using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Restore User State: copies what Capture User State put in the state store back, each folder to its path under the
/// restore root (the step's <c>TargetRoot</c>, "Restore to", else the agent's target root), keeping relative paths,
/// times and modes, replacing files already there. A file that cannot be written is skipped and named when
/// <c>ContinueOnRestore</c> (the default), else it fails the step. A missing store, or one without a capture, fails.
/// </summary>
internal sealed class RestoreUserStateHandler : IStepHandler
{
    public string TypeId => StepTypeIds.RestoreUserState;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var store = UserStateStore.Path(context);
        var root = RestoreRoot(context);
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
        return Task.FromResult(new WorkItemResult { ExitCode = 0 });
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
