using Refit;
using TsOrchestrator.Agent.Conditions;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.Power;
using TsOrchestrator.Agent.Restarts;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
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

    /// <summary>Packages the last run could not get because no distribution point had them (the boot wizard shows them).</summary>
    public IReadOnlyList<string> MissingPackages => _missingPackages;
    private const int HandlerFailedExitCode = -1;

    /// <summary>
    /// Settles what the journal says was in hand when the agent last stopped, and returns the run to go on with.
    /// A restart the agent asked for is expected; a step that started and never finished was cut short by an
    /// unexpected restart; a finished result is sent again (the server takes it once).
    /// </summary>
    public async Task<string?> RecoverAsync(JournalContents contents, CancellationToken cancellationToken)
    {
        if (contents.QuarantinedPath is { } quarantined)
        {
            // Without a readable checkpoint the agent cannot say which work item was in hand; the check-in hands back the
            // active run and the agent reports an unexpected restart of whatever the server has outstanding.
            log.Error($"the checkpoint journal could not be read and was moved to {quarantined}; the active run is told of an unexpected restart");
            return null;
        }

        if (contents.Record is not { } record)
        {
            return null;
        }

        log.Info($"journal: run {record.RunId} work item {record.WorkItemId} ({record.Path}) was {record.State}");
        try
        {
            _ = record.State switch
            {
                CheckpointState.Started => await ServerCalls.UntilDeliveredAsync(
                    ct => api.ReportRestartAsync(record.RunId, new RestartReport { Expected = false, WorkItemId = record.WorkItemId }, ct),
                    "report the unexpected restart", log, cancellationToken),
                CheckpointState.RestartRequested => await ServerCalls.UntilDeliveredAsync(
                    ct => api.ReportRestartAsync(record.RunId, new RestartReport { Expected = true, WorkItemId = record.WorkItemId }, ct),
                    "report the restart", log, cancellationToken),
                _ => await ServerCalls.UntilDeliveredAsync(
                    ct => api.PostResultAsync(record.RunId, record.WorkItemId, record.Result ?? new WorkItemResult(), ct),
                    "send the step result again", log, cancellationToken),
            };
        }
        catch (ApiException ex)
        {
            // The server refuses it for good (the run was deleted, the device re-registered): nothing more to tell.
            log.Error($"the server refused the journal's report for run {record.RunId}: {ServerCalls.Describe(ex)}");
            journal.Clear();
            return null;
        }

        journal.Clear();
        return record.RunId;
    }

    /// <summary>Reports an unexpected restart of the run's outstanding work item, when the journal that named it was lost.</summary>
    public Task<AgentRunStatus> ReportLostCheckpointAsync(string runId, CancellationToken cancellationToken) =>
        ServerCalls.UntilDeliveredAsync(ct => api.ReportRestartAsync(runId, new RestartReport { Expected = false }, ct),
            "report the unexpected restart", log, cancellationToken);

    public async Task<AgentRunStatus> RunToEndAsync(string runId, CancellationToken cancellationToken)
    {
        _missingPackages.Clear();
        var status = await ServerCalls.UntilDeliveredAsync(ct => api.GetRunAsync(runId, 0, ct), "read the run", log, cancellationToken);
        while (status.Status == Running)
        {
            status = status.WorkItem is { } item
                ? await ExecuteAsync(runId, item, cancellationToken)
                : await ServerCalls.UntilDeliveredAsync(ct => api.GetRunAsync(runId, (int)AgentConnection.LongPoll.TotalSeconds, ct), "wait for work", log, cancellationToken);
        }

        power.RunEnded(runId);
        log.Info($"run {runId} ended: {status.Status}");
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
        try
        {
            var value = item.Condition is null ? true : ConditionEvaluator.Evaluate(item.Condition, item.Variables ?? new Dictionary<string, string>(), new LocalDeviceState());
            result = new ConditionResult { Result = value ?? false };
        }
        catch (Exception ex) when (ex is ConditionEvaluationException or PlatformNotSupportedException or IOException or UnauthorizedAccessException)
        {
            result = new ConditionResult { Error = ex.Message };
        }

        log.Info($"condition of '{item.Name}' ({item.Path}): {(result.Error is { } error ? "error: " + error : result.Result)}");
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
        await using (var upload = new StepLogUploader(api, runId, item.Id, log))
        using (var stepLog = new StepLog(Path.Combine(options.LogDirectory, ServerId.AsFileName(runId, "run id"), $"{item.Id}.log"), upload.Append))
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            log.Info($"step '{item.Name}' ({item.Path}, {item.StepType}) attempt {item.Attempt}");
            var watch = WatchRunAsync(runId, item.Id, stop);
            try
            {
                var context = new StepContext
                {
                    RunId = runId, WorkItem = item, Settings = ExpandSecrets(item), Variables = item.Variables ?? new Dictionary<string, string>(),
                    Log = stepLog, Options = options, WorkDirectory = work,
                };
                result = await handlers.Find(item.StepType).RunAsync(context, stop.Token);
            }
            catch (Exception ex) when (ex is StepFailedException or ContentNotAvailableException)
            {
                if (ex is ContentNotAvailableException missing)
                {
                    _missingPackages.Add(missing.PackageId);
                }

                stepLog.Line(ex.Message);
                result = new WorkItemResult { ExitCode = HandlerFailedExitCode, Succeeded = false, Message = ex.Message };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = new WorkItemResult { ExitCode = HandlerFailedExitCode, Succeeded = false, Message = "cancelled: the run ended on the server" };
            }
            finally
            {
                await stop.CancelAsync();
                await watch;
            }
        }

        // The agent itself is stopping (service stop, shutdown): the step was interrupted, not finished. The journal keeps
        // it as started, so the server hears of an unexpected restart and retries or fails it as the step says.
        cancellationToken.ThrowIfCancellationRequested();
        Directory.Delete(work, recursive: true);
        power.AfterStep(runId, item, result);
        log.Info($"step '{item.Name}' finished: exit code {result.ExitCode}{(result.Succeeded == false ? " (failed: " + result.Message + ")" : "")}");
        journal.Write(new CheckpointRecord
        {
            RunId = runId, WorkItemId = item.Id, Path = item.Path, Attempt = item.Attempt, State = CheckpointState.Finished, Result = result,
        });
        return await SettleAsync(runId, item, result, cancellationToken);
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
                await Task.Delay(options.RunWatchInterval, stop.Token);
                AgentRunStatus status;
                try
                {
                    status = await api.GetRunAsync(runId, 0, stop.Token);
                }
                catch (Exception ex) when (ServerCalls.IsOutage(ex, stop.Token))
                {
                    continue; // the step goes on through a server outage
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
