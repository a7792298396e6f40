using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Serialization;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs.Inspection;
using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// Runs the engine for every device's run: load the state, apply the event, and persist the new state
/// with its history records and next work item in one transaction. An event the engine ignores (a
/// duplicate result) writes nothing.
/// </summary>
public sealed class RunRuntime(StoreContext store, DefinitionCache definitions, SequenceVersionCache versions, RunVariables variables, RunTimeouts timeouts, RunEventHub events, RunCommitWriter writer,
    StepSecretProtector secrets, StepInspectionRecorder inspection, RunRowCache rows, TimeProvider clock)
{
    public async Task<RunEntity> StartAsync(string sequenceId, DeviceEntity device, string? deploymentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var sequence = await store.TaskSequences.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sequenceId, cancellationToken)
            ?? throw Problem.NotFound("Task sequence", sequenceId);
        return await StartAsync(sequence, device, deploymentId, collections: null, cancellationToken);
    }

    /// <summary>
    /// Starts a run of the sequence as the caller just read it; <paramref name="collections"/>, the device's collections
    /// when the caller has just worked them out (a check-in's decision), spares reading them again for the run's variables.
    /// </summary>
    public async Task<RunEntity> StartAsync(TaskSequenceEntity sequence, DeviceEntity device, string? deploymentId, IReadOnlyList<CollectionEntity>? collections,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(device);
        var document = await WithProgramFirstAsync(await versions.LatestAsync(store, sequence, cancellationToken), device, cancellationToken);
        var children = new RecordingResolver(new StoreSequenceResolver(store));
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowCompiler.Compile(document, children);
        }
        catch (CompilationException e)
        {
            throw Problem.Conflict($"task sequence '{sequence.Id}' cannot run: {e.Message}");
        }

        definitions.Add(definition);
        var now = clock.GetUtcNow();
        var runId = "RUN" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var engine = new RunEngine(definition);
        var state = engine.NewRun(runId);
        var start = await variables.ForDeviceAsync(device, collections, cancellationToken);
        if (await variables.AnySecretsAsync(cancellationToken))
        {
            // Sealed, the device's secrets enter the run like its plain variables: conditions compare them on the device,
            // Set Task Sequence Variable copies them (the copy stays sealed), and steps get them revealed.
            foreach (var (name, value) in await variables.SecretsForDeviceAsync(device, device.InBootMedia, cancellationToken))
            {
                start[name] = secrets.Protect(value, expandedOnServer: false);
            }
        }

        start["_SMSTSMachineName"] = device.Name;
        start["_SMSTSInWinPE"] = device.InBootMedia ? "true" : "false";
        start[RunVariables.LaunchModeVariable] = device.InBootMedia ? RunVariables.BootMediaLaunchMode : "SMS";
        start[BuiltInVariables.HighPerformancePowerPlan] = document.Performance.UseHighPerformancePowerPlan && !device.InBootMedia ? "true" : "false";
        if (deploymentId is not null)
        {
            start["_SMSTSAdvertID"] = deploymentId;
        }

        var run = new RunEntity
        {
            Id = runId,
            DeploymentId = deploymentId,
            DeviceId = device.Id,
            SequenceId = sequence.Id,
            SequenceVersion = sequence.LatestVersion,
            Status = RunStatus.NotStarted.ToString(),
            State = "",
            DefinitionHash = definition.ContentHash,
            Deadline = now + timeouts.RunTime(document.Advanced.EffectiveMaximumRunTimeMinutes),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var started = new Transition { Inspects = true };
        engine.Apply(state, new StartRun { Variables = start, At = now }, started);
        var (after, history) = Record(RunProgress.From(run), 0, state, started);
        var inspected = inspection.Record(runId, 0, started, 0, null);
        (run.InspectionBytes, run.InspectionCappedAt) = (inspected.Bytes, inspected.CappedAt);
        (run.Status, run.State, run.PendingWorkItem, run.CurrentStep, run.ConcurrencyVersion, run.HistoryCount) =
            (after.Status, after.State, after.PendingWorkItem, after.CurrentStep, after.ConcurrencyVersion, history.Count);
        // The run, its first history rows and (the first time) its definition's documents go through the group-commit
        // writer: a fleet starting at once shares commits with the transitions of runs already going.
        var documents = definitions.IsStored(definition.ContentHash) ? null
            : new RunDefinitionEntity { Hash = definition.ContentHash, Documents = DefinitionCache.Snapshot(document, children.Children) };
        await writer.InsertAsync(run, history, documents, inspected.Rows);
        definitions.MarkStored(definition.ContentHash);
        if (CachesRows)
        {
            rows.Remember(new RunRow(after, run.DefinitionHash, run.HistoryCount, run.DeviceId, run.InspectionBytes, run.InspectionCappedAt));
        }

        return run;
    }

    /// <summary>
    /// Run another program first: its program runs as the run's first step, once per device (not again after it
    /// succeeded there, even when the sequence reruns), and never from boot media. Being a plain step, its failure
    /// fails the run before anything of the sequence has run.
    /// </summary>
    private async Task<TaskSequence> WithProgramFirstAsync(TaskSequence document, DeviceEntity device, CancellationToken cancellationToken)
    {
        if (document.Advanced.RunAnotherProgramFirst is not { } first || device.InBootMedia)
        {
            return document;
        }

        var name = ProgramFirstStepName(first);
        var succeeded = nameof(ActivityOutcome.Succeeded);
        if (await store.RunHistory.AsNoTracking().AnyAsync(h => h.Name == name && h.Outcome == succeeded &&
                store.Runs.Any(r => r.Id == h.RunId && r.DeviceId == device.Id), cancellationToken))
        {
            return document;
        }

        var step = new StepNode
        {
            Name = name, Type = StepTypeIds.InstallPackage,
            Settings = new Dictionary<string, string> { ["PackageID"] = first.PackageId, ["ProgramName"] = first.ProgramName },
        };
        return document with { Nodes = [step, .. document.Nodes] };
    }

    /// <summary>The program-first step's name, which is also how a device's earlier success is found.</summary>
    public static string ProgramFirstStepName(RunFirstProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var name = $"Run another program first: {program.PackageId} {program.ProgramName}";
        return name.Length <= 100 ? name : name[..100];
    }

    /// <summary>
    /// Applies an event to a run: the server's hot path (see <see cref="RunTransitionStore"/> and <see cref="RunCommitWriter"/>). When another
    /// node changed the run between the read and the write, the event is applied again to the new state.
    /// </summary>
    public Task<RunProgress> ApplyAsync(string runId, RunEvent runEvent, CancellationToken cancellationToken) =>
        ApplyAsync(runId, deviceId: null, runEvent, cancellationToken);

    /// <summary>As <see cref="ApplyAsync(string, RunEvent, CancellationToken)"/>, for a device: a run of another device is not found.</summary>
    public async Task<RunProgress> ApplyAsync(string runId, string? deviceId, RunEvent runEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var tryCache = CachesRows;
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt may take the row this node last committed or read; a retry always reads the store.
            RunRow? row = null;
            var fromCache = tryCache && attempt == 1 && rows.TryGet(runId, out row);
            if (!fromCache)
            {
                row = await LoadAsync(runId, cancellationToken);
            }

            if (row is null || (deviceId is not null && row.DeviceId != deviceId))
            {
                throw Problem.NotFound("Run", runId);
            }

            var before = row.Progress;
            var state = RunStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(before.State));
            var engine = new RunEngine(await DefinitionOfAsync(row.DefinitionHash, cancellationToken));
            var transition = new Transition { Inspects = true };
            try
            {
                engine.Apply(state, WithSecretsProtected(runEvent, before.PendingWorkItem) with { At = runEvent.At ?? clock.GetUtcNow() }, transition);
            }
            catch (RunEventRejectedException e)
            {
                if (fromCache)
                {
                    // The remembered row may be behind the store (another node moved the run): only the stored run can reject.
                    rows.Forget(runId);
                    (attempt, tryCache) = (0, false);
                    continue;
                }

                throw Problem.Conflict(e.Message);
            }

            if (!transition.Accepted)
            {
                if (fromCache)
                {
                    // Likewise an event the remembered row ignores (a result for a step it has not reached) may be the stored run's next.
                    rows.Forget(runId);
                    (attempt, tryCache) = (0, false);
                    continue;
                }

                return before;
            }

            var (after, history) = Record(before, row.HistoryCount, state, transition);
            var inspected = inspection.Record(before.Id, row.HistoryCount, transition, row.InspectionBytes, row.InspectionCappedAt);
            RunCommitResult committed;
            try
            {
                committed = await writer.SaveAsync(before, after, row.HistoryCount + history.Count, clock.GetUtcNow(), history, inspected);
            }
            catch
            {
                rows.Forget(runId);
                throw;
            }

            if (committed.AnySecrets is { } anySecrets)
            {
                variables.SawAnySecrets(anySecrets);
            }

            if (committed.Written)
            {
                if (CachesRows)
                {
                    rows.Remember(new RunRow(after, row.DefinitionHash, row.HistoryCount + history.Count, row.DeviceId, inspected.Bytes, inspected.CappedAt));
                }

                Publish(after, history);
                return after;
            }

            rows.Forget(runId);
            if (fromCache)
            {
                // A stale row (another node moved the run since) is not a race lost to a concurrent request: it does not
                // use up one of the attempts.
                (attempt, tryCache) = (0, false);
                continue;
            }

            if (attempt == 3)
            {
                throw Problem.Conflict($"run '{runId}' kept changing under this request; try again");
            }
        }
    }

    /// <summary>
    /// Only on PostgreSQL: there the run's load is a round trip of its own, on SQLite an in-process read of a page
    /// already in memory, and SQLite's path stays as simple as it was.
    /// </summary>
    private bool CachesRows => !store.Database.IsSqlite();

    private async Task<RunRow?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        await store.Database.OpenConnectionAsync(cancellationToken);
        var reader = new RunTransitionStore(store);
        var row = await reader.LoadAsync(runId, cancellationToken);
        variables.SawAnySecrets(reader.AnySecrets);
        if (row is not null && CachesRows)
        {
            rows.Remember(row);
        }

        return row;
    }

    /// <summary>
    /// A Set Dynamic Variables result carries the values its rules mark secret in clear; they are protected before
    /// they enter the run's state. Other results pass untouched (one text search of the pending work item).
    /// </summary>
    private RunEvent WithSecretsProtected(RunEvent runEvent, string? pending) =>
        runEvent is WorkItemCompleted { VariablesSet: { Count: > 0 } set } completed &&
        pending is not null && pending.Contains(StepTypeIds.SetDynamicVariables, StringComparison.Ordinal) &&
        JsonSerializer.Deserialize<AgentWorkItem>(pending, AgentJson.Options) is { } item
            ? completed with { VariablesSet = secrets.ProtectResult(item, set) }
            : runEvent;

    private async Task<WorkflowDefinition> DefinitionOfAsync(string hash, CancellationToken cancellationToken)
    {
        if (definitions.TryGet(hash, out var cached))
        {
            return cached;
        }

        var stored = await store.RunDefinitions.AsNoTracking().FirstAsync(d => d.Hash == hash, cancellationToken);
        return definitions.Rebuild(stored.Hash, stored.Documents);
    }

    /// <summary>Tells live watchers what the committed transition changed.</summary>
    private void Publish(RunProgress run, List<RunHistoryEntity> history) => events.Publish(new Contracts.Runs.RunEventMessage
    {
        RunId = run.Id,
        Status = run.Status,
        CurrentStep = run.CurrentStep,
        Records = [.. history.Select(RunStepRecords.From)],
    });

    /// <summary>What a transition writes: the run's new hot fields, and its history rows numbered on from <paramref name="historyCount"/>.</summary>
    private static (RunProgress After, List<RunHistoryEntity> History) Record(RunProgress before, int historyCount, RunState state, Transition transition)
    {
        var pending = before.PendingWorkItem;
        var currentStep = before.CurrentStep;
        foreach (var command in transition.Commands)
        {
            if (command is DispatchWorkItem dispatch)
            {
                pending = JsonSerializer.Serialize(ToAgent(dispatch.WorkItem), AgentJson.Options);
                currentStep = dispatch.WorkItem.Path;
            }
        }

        if (state.Bookmark is null)
        {
            pending = null;
            currentStep = state.FailedPath;
        }

        var history = transition.Records.Select((record, i) => new RunHistoryEntity
        {
            RunId = before.Id,
            Sequence = historyCount + i,
            Path = record.Path,
            Name = record.Name,
            StepType = record.StepType,
            Outcome = record.Outcome.ToString(),
            Reason = record.Reason,
            ExitCode = record.ExitCode,
            Attempt = record.Attempt,
            WorkItemId = record.WorkItemId,
            StartedAt = record.StartedAt,
            EndedAt = record.EndedAt,
        }).ToList();
        var after = new RunProgress(before.Id, state.Status.ToString(), System.Text.Encoding.UTF8.GetString(RunStateSerializer.Serialize(state)),
            pending, currentStep, before.ConcurrencyVersion + 1);
        return (after, history);
    }

    /// <summary>
    /// The agent's view of a work item as stored. A step's environment (the run's variables) is not
    /// stored with it: it is already in the run's state, and every byte written is fsync'd.
    /// </summary>
    private static AgentWorkItem ToAgent(WorkItem item) => new()
    {
        Id = item.Id,
        Kind = item.Kind.ToString(),
        Path = item.Path,
        Name = item.Name,
        StepType = item.StepType,
        Settings = item.Settings,
        SuccessCodes = item.SuccessCodes,
        TimeoutMinutes = item.TimeoutMinutes,
        Attempt = item.Attempt,
        Condition = item.Condition,
        Variables = item.Variables,
    };

    /// <summary>The agent's view of a run: a step work item gets the run's variables as its environment.</summary>
    public static AgentRunStatus ToAgentStatus(RunProgress run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var ended = RunStatuses.HasEnded(run.Status);
        var item = run.PendingWorkItem is null ? null : JsonSerializer.Deserialize<AgentWorkItem>(run.PendingWorkItem, AgentJson.Options);
        var needsState = (item is { Kind: nameof(WorkItemKind.Step) } && item.Variables is null) ||
                         (ended && run.Status is nameof(RunStatus.Succeeded) or nameof(RunStatus.Failed));
        var state = needsState ? RunStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(run.State)) : null;
        if (item is { Kind: nameof(WorkItemKind.Step) } && state is not null)
        {
            item = item with { Variables = new Dictionary<string, string>(state.Variables, StringComparer.OrdinalIgnoreCase) };
        }

        return new AgentRunStatus
        {
            RunId = run.Id,
            Status = run.Status,
            WorkItem = item,
            PostAction = ended ? state?.Variables.GetValueOrDefault(BuiltInVariables.PostAction) : null,
        };
    }
}
