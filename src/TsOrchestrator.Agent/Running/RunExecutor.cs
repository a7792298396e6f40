using Refit;
using TsOrchestrator.Agent.Conditions;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.Power;
using TsOrchestrator.Agent.Restarts;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// Works through a run one work item at a time. Each step is checkpointed before its handler starts and after it
/// finishes, and the checkpoint is cleared only once the server took the result, so that whatever happens to the
/// device in between, the server learns exactly once what became of the step.
/// </summary>
internal sealed class RunExecutor(
    IAgentApi api, CheckpointJournal journal, StepHandlerRegistry handlers, DeviceRestarter restarter, RunPowerPlan power, AgentOptions options, AgentLog log)
{
    private const string Running = "Running";
    private readonly List<string> _missingPackages = [];
    private readonly Wakeup _runChanged = new(TimeProvider.System);

    private AgentEnvironment Environment => options.InBootMedia ? AgentEnvironment.BootImage : AgentEnvironment.FullOs;

    /// <summary>The server said an operator cancelled or resumed a run here: the running step's watch looks at once.</summary>
    public void RunChanged() => _runChanged.Set();

    /// <summary>Packages the last run could not get because no distribution point had them (the boot wizard shows them).</summary>
    public IReadOnlyList<string> MissingPackages => _missingPackages;
    private const int HandlerFailedExitCode = -1;

    /// <summary>
    /// Settles what the journal says was in hand when the agent last stopped, and returns the run to go on with.
    /// A restart the agent asked for is expected; a step that started and never finished was cut short by an
    /// unexpected restart; a finished result is sent again (the server takes it once).
    /// </summary>
    public async Task<JournalRecovery> RecoverAsync(JournalContents contents, CancellationToken cancellationToken)
    {
        if (contents.QuarantinedPath is { } quarantined)
        {
            // Without a readable checkpoint the agent cannot say which work item was in hand; the check-in hands back the
            // active run and the agent reports an unexpected restart of whatever the server has outstanding.
            log.Error($"the checkpoint journal could not be read and was moved to {quarantined}; the active run is told of an unexpected restart");
            return new JournalRecovery(null, CheckpointLost: true);
        }

        if (contents.Record is not { } record)
        {
            return JournalRecovery.Settled;
        }

        log.Info($"journal: run {record.RunId} work item {record.WorkItemId} ({record.Path}) was {record.State}");
        try
        {
            _ = record.State switch
            {
                CheckpointState.Started => await ReportInterruptedAsync(record, cancellationToken),
                CheckpointState.RestartRequested => await ServerCalls.UntilDeliveredAsync(
                    ct => api.ReportRestartAsync(record.RunId, new RestartReport { Expected = true, WorkItemId = record.WorkItemId, InBootMedia = options.InBootMedia }, ct),
                    "report the restart", log, cancellationToken),
                _ => await ServerCalls.UntilDeliveredAsync(
                    ct => api.PostResultAsync(record.RunId, record.WorkItemId, record.Result ?? new WorkItemResult(), ct),
                    "send the step result again", log, cancellationToken),
            };
        }
        catch (ApiException ex)
        {
            // The server refuses it for good: the run was deleted, or is not this device's (the journal names another run).
            log.Error($"the server refused the journal's report for run {record.RunId}: {ServerCalls.Describe(ex)}; the record is dropped");
            journal.Clear();
            return record.State == CheckpointState.Started ? new JournalRecovery(null, Unmatched: record) : JournalRecovery.Settled;
        }

        journal.Clear();
        return new JournalRecovery(record.RunId);
    }

    /// <summary>
    /// The unexpected restart of the step the journal says started. The report names the journal's work item, unless
    /// the run has the same step (path and attempt) outstanding under another id: then the journal's id is stale, and
    /// the outstanding one is the step that started — reported, never run again under that id.
    /// </summary>
    private async Task<AgentRunStatus> ReportInterruptedAsync(CheckpointRecord record, CancellationToken cancellationToken)
    {
        var run = await ServerCalls.UntilDeliveredAsync(ct => api.GetRunAsync(record.RunId, 0, ct), "read the run", log, cancellationToken);
        var workItemId = record.WorkItemId;
        if (SameStepOutstanding(run, record) is { } outstanding && outstanding.Id != workItemId)
        {
            log.Error($"the journal names work item {workItemId} of run {record.RunId}, but the server has the same step ({record.Path}, attempt {record.Attempt}) outstanding as {outstanding.Id}: that is the one reported as interrupted");
            workItemId = outstanding.Id;
        }

        return await ServerCalls.UntilDeliveredAsync(
            ct => api.ReportRestartAsync(record.RunId, new RestartReport { Expected = false, WorkItemId = workItemId, InBootMedia = options.InBootMedia }, ct),
            "report the unexpected restart", log, cancellationToken);
    }

    /// <summary>
    /// Tells the device's active run what the journal could not: after a journal that could not be read, an
    /// unexpected restart of whatever is outstanding; after a record naming a run the server does not know, an
    /// unexpected restart of the active run's outstanding work item when it is the same step (path and attempt).
    /// </summary>
    public async Task SettleUnmatchedAsync(string runId, JournalRecovery recovery, CancellationToken cancellationToken)
    {
        string? workItemId = null;
        if (recovery.Unmatched is { } record)
        {
            var run = await ServerCalls.UntilDeliveredAsync(ct => api.GetRunAsync(runId, 0, ct), "read the run", log, cancellationToken);
            if (SameStepOutstanding(run, record) is not { } outstanding)
            {
                return;
            }

            log.Error($"the journal's step {record.Path} (attempt {record.Attempt}) is outstanding in run {runId} as {outstanding.Id}: reported as interrupted, not run again");
            workItemId = outstanding.Id;
        }

        await ServerCalls.UntilDeliveredAsync(ct => api.ReportRestartAsync(runId, new RestartReport { Expected = false, WorkItemId = workItemId, InBootMedia = options.InBootMedia }, ct),
            "report the unexpected restart", log, cancellationToken);
    }

    /// <summary>The run's outstanding step when it is the dispatch the record names by path and attempt.</summary>
    private static AgentWorkItem? SameStepOutstanding(AgentRunStatus run, CheckpointRecord record) =>
        run is { Status: Running, WorkItem: { Kind: "Step" } item } && item.Path == record.Path && item.Attempt == record.Attempt ? item : null;

    /// <summary>
    /// Works the run to its end, then runs its post action when this call saw it end: the run was still going, or the
    /// journal's last result (just sent again by <paramref name="recovered"/>) ended it. A run found already over had its
    /// post action run by whoever saw it end.
    /// </summary>
    public async Task<AgentRunStatus> RunToEndAsync(string runId, CancellationToken cancellationToken, bool recovered = false)
    {
        _missingPackages.Clear();
        var status = await ServerCalls.UntilDeliveredAsync(ct => api.GetRunAsync(runId, 0, ct), "read the run", log, cancellationToken);
        var sawEnd = recovered || status.Status == Running;
        while (status.Status == Running)
        {
            status = status.WorkItem is { } item
                ? await ExecuteAsync(runId, item, cancellationToken)
                : await ServerCalls.UntilDeliveredAsync(ct => api.GetRunAsync(runId, (int)AgentConnection.LongPoll.TotalSeconds, ct), "wait for work", log, cancellationToken);
        }

        power.RunEnded(runId);
        log.Info($"run {runId} ended: {status.Status}");
        if (sawEnd && status.PostAction is { Length: > 0 } postAction)
        {
            await new PostActionRunner(log, SecretMask.Of(status.PostActionSecrets)).RunAsync(runId, postAction, cancellationToken);
        }

        return status;
    }

    private Task<AgentRunStatus> ExecuteAsync(string runId, AgentWorkItem item, CancellationToken cancellationToken) => item.Kind switch
    {
        "Condition" => EvaluateConditionAsync(runId, item, cancellationToken),
        "Restart" => RestartAsync(runId, item, cancellationToken),
        _ => RunStepAsync(runId, item, cancellationToken),
    };

    private Task<AgentRunStatus> EvaluateConditionAsync(string runId, AgentWorkItem item, CancellationToken cancellationToken)
    {
        // Evaluating a condition changes nothing on the device, so it needs no checkpoint: after a restart it is asked again.
        ConditionResult result;
        var device = new LocalDeviceState();
        try
        {
            if (item.Condition is { } condition &&
                ConditionKinds.In(condition).FirstOrDefault(k => !ConditionKinds.EvaluatedByEngine.Contains(k) && !AgentPlatforms.Current.ConditionKinds.Contains(k)) is { } refused)
            {
                // Refused by the platform's capabilities, in the words simulate and validation use, before anything is read.
                throw new PlatformNotSupportedException($"{refused} conditions are not supported on {AgentPlatforms.Current.Name} {AgentEnvironments.Name(Environment)}");
            }

            // Explain decides with the same code as Evaluate and also names the sub-condition that decided (run inspection).
            var verdict = item.Condition is null ? null : ConditionEvaluator.Explain(item.Condition, item.Variables ?? new Dictionary<string, string>(), device);
            result = new ConditionResult { Result = verdict is null || (verdict.Result ?? false), Explanation = verdict?.Explanation };
        }
        catch (Exception ex) when (ex is ConditionEvaluationException or PlatformNotSupportedException or IOException or UnauthorizedAccessException)
        {
            result = new ConditionResult { Error = ex.Message };
        }

        var notes = device.Notes.Count == 0 ? "" : $" ({string.Join("; ", device.Notes)})";
        log.Info($"condition of '{item.Name}' ({item.Path}): {(result.Error is { } error ? "error: " + error : result.Result)}{notes}");
        return ServerCalls.UntilDeliveredAsync(ct => api.PostConditionAsync(runId, item.Id, result, ct), "send the condition result", log, cancellationToken);
    }

    private async Task<AgentRunStatus> RestartAsync(string runId, AgentWorkItem item, CancellationToken cancellationToken)
    {
        journal.Write(new CheckpointRecord { RunId = runId, WorkItemId = item.Id, Path = item.Path, Attempt = item.Attempt, State = CheckpointState.RestartRequested });
        try
        {
            await restarter.RestartAsync(item.Settings, cancellationToken);
            throw new RestartRequestedException();
        }
        catch (StepFailedException ex)
        {
            log.Error($"'{item.Name}': {ex.Message}");
            return await SettleAsync(runId, item, new WorkItemResult { ExitCode = HandlerFailedExitCode, Succeeded = false, Message = ex.Message }, cancellationToken);
        }
    }

    private async Task<AgentRunStatus> RunStepAsync(string runId, AgentWorkItem item, CancellationToken cancellationToken)
    {
        journal.Write(new CheckpointRecord { RunId = runId, WorkItemId = item.Id, Path = item.Path, Attempt = item.Attempt, State = CheckpointState.Started });
        power.BeforeStep(runId, item);
        var work = Path.Combine(options.StateDirectory, "work", ServerId.AsFileName(item.Id, "work item id"));
        Directory.CreateDirectory(work);
        WorkItemResult result;
        var upload = new StepLogUploader(api, runId, item.Id, log);
        var settings = ExpandSecrets(item);
        var secrets = SecretMask.For(item, settings);
        try
        {
            using (var stepLog = new StepLog(Path.Combine(options.LogDirectory, ServerId.AsFileName(runId, "run id"), $"{item.Id}.log"), upload.Append,
                       secrets.IsEmpty ? null : secrets.Apply))
            {
                // Masked before anything keeps it: the journal, the agent's log and the result the server stores.
                result = secrets.Apply(await RunHandlerAsync(runId, item, settings, work, stepLog, cancellationToken), item.StepType);
            }

            // The agent itself is stopping (service stop, shutdown): the step was interrupted, not finished. The journal keeps
            // it as started, so the server hears of an unexpected restart and retries or fails it as the step says.
            cancellationToken.ThrowIfCancellationRequested();

            // The step's end is durable before anything that can be cancelled, time out or fail (the log's last lines, the
            // work folder, the report): whatever happens after this line, the next start sends this result.
            journal.Write(new CheckpointRecord
            {
                RunId = runId, WorkItemId = item.Id, Path = item.Path, Attempt = item.Attempt, State = CheckpointState.Finished, Result = result,
            });
        }
        finally
        {
            await upload.DisposeAsync();
        }

        Directory.Delete(work, recursive: true);
        power.AfterStep(runId, item, result);
        log.Info($"step '{item.Name}' finished: exit code {result.ExitCode}{(result.Succeeded == false ? " (failed: " + result.Message + ")" : "")}");
        var status = await SettleAsync(runId, item, result, cancellationToken);
        if (options.StateToDisk && result.Succeeded != false && status.Status == Running
            && string.Equals(item.StepType, StepTypeIds.FormatAndPartitionDisk, StringComparison.OrdinalIgnoreCase))
        {
            // Between steps, with the result settled and the journal clear: nothing is in hand while the folder moves.
            log.Info($"'{item.Name}' made file systems: exiting with code {AgentExitCodes.StateToDisk} for the state folder to move onto the disk");
            throw new StateToDiskRequestedException();
        }

        return status;
    }

    private async Task<WorkItemResult> RunHandlerAsync(string runId, AgentWorkItem item, IReadOnlyDictionary<string, string> settings, string work, StepLog stepLog,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        log.Info($"step '{item.Name}' ({item.Path}, {item.StepType}) attempt {item.Attempt}");
        var watch = WatchRunAsync(runId, item.Id, stop);
        try
        {
            var context = new StepContext
            {
                RunId = runId, WorkItem = item, Settings = settings, Variables = item.Variables ?? new Dictionary<string, string>(),
                Log = stepLog, Options = options, WorkDirectory = work, Journal = journal,
            };
            return await handlers.Find(item.StepType).RunAsync(context, stop.Token);
        }
        catch (Exception ex) when (ex is StepFailedException or ContentNotAvailableException)
        {
            if (ex is ContentNotAvailableException missing)
            {
                _missingPackages.Add(missing.PackageId);
            }

            stepLog.Line(ex.Message);
            return new WorkItemResult { ExitCode = HandlerFailedExitCode, Succeeded = false, Message = ex.Message };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WorkItemResult { ExitCode = HandlerFailedExitCode, Succeeded = false, Message = "cancelled: the run ended on the server" };
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
    }

    private async Task<AgentRunStatus> SettleAsync(string runId, AgentWorkItem item, WorkItemResult result, CancellationToken cancellationToken)
    {
        var status = await ServerCalls.UntilDeliveredAsync(ct => api.PostResultAsync(runId, item.Id, result, ct), "send the step result", log, cancellationToken);
        journal.Clear();
        return status;
    }

    /// <summary>
    /// While a step runs, asks now and then whether the server still wants it: a cancel or the maximum run time ends
    /// the run on the server, and the step's processes are then ended here.
    /// </summary>
    private async Task WatchRunAsync(string runId, string workItemId, CancellationTokenSource stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await _runChanged.WaitAsync(options.RunWatchInterval, stop.Token);
                AgentRunStatus status;
                try
                {
                    status = await api.GetRunAsync(runId, 0, stop.Token);
                }
                catch (Exception ex) when (ServerCalls.IsOutage(ex, stop.Token))
                {
                    continue; // the step goes on through a server outage
                }
                catch (ApiException ex)
                {
                    // Watching is advisory: the step goes on and its result is sent; the server decides what it is worth.
                    log.Warn($"run {runId}: the server refused to say whether it still wants the step ({ServerCalls.Describe(ex)}); no longer watching");
                    return;
                }

                if (status.Status != Running || status.WorkItem?.Id != workItemId)
                {
                    log.Warn($"run {runId} is {status.Status} on the server: ending the running step");
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended.
        }
    }

    /// <summary>Secret settings reach the device with their variable references unexpanded; they are expanded only here.</summary>
    private static IReadOnlyDictionary<string, string> ExpandSecrets(AgentWorkItem item)
    {
        if (item.StepType is null || StepCatalog.Find(item.StepType) is not { } descriptor || item.Variables is not { } variables)
        {
            return item.Settings;
        }

        var expanded = new Dictionary<string, string>(item.Settings, StringComparer.OrdinalIgnoreCase);
        foreach (var setting in descriptor.Settings.Where(s => s.Secret))
        {
            if (expanded.TryGetValue(setting.Name, out var value) && VariableExpander.HasReferences(value))
            {
                expanded[setting.Name] = VariableExpander.Expand(value, variables);
            }
        }

        return expanded;
    }
}
