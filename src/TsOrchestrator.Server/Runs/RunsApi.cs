using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Serialization;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Notifications;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs.Inspection;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary><c>/api/v1/runs</c>: watch runs, cancel them, resume them from the failed or an earlier step.</summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runs").WithTags("Runs").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", async (string? deploymentId, string? deviceId, string? status, StoreContext store, CancellationToken cancellationToken) =>
        {
            var query = VisibleRuns(store);
            query = deploymentId is null ? query : query.Where(r => r.DeploymentId == deploymentId);
            query = deviceId is null ? query : query.Where(r => r.DeviceId == deviceId);
            query = status is null ? query : query.Where(r => r.Status == status);
            return (await query.OrderByDescending(r => r.CreatedAt).Take(1000).ToListAsync(cancellationToken)).Select(Summary).ToList();
        });

        group.MapGet("/{id}", async (string id, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
            await DetailsAsync(store, await VisibleRunAsync(store, id, cancellationToken), cancellationToken));

        // Server-sent events: the run as it stands, then every change until it ends or the watcher leaves.
        group.MapGet("/{id}/events", async (string id, StoreContext store, RunEventHub hub, HttpContext http, CancellationToken cancellationToken) =>
        {
            _ = await VisibleRunAsync(store, id, cancellationToken);
            var changes = hub.Watch(id, cancellationToken);
            var run = await store.Runs.AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken);
            return TypedResults.ServerSentEvents(Stream(await DetailsAsync(store, run, cancellationToken), changes), eventType: "run");
        });

        // What each step saw, changed and decided; ?step= (an index path or a name path) adds one step's before and after.
        group.MapGet("/{id}/inspection", async (string id, string? step, StoreContext store, RunInspectionReader inspection, CancellationToken cancellationToken) =>
            await inspection.ReadAsync(await VisibleRunAsync(store, id, cancellationToken), string.IsNullOrWhiteSpace(step) ? null : step, cancellationToken));

        group.MapGet("/{id}/log", async (string id, string? workItemId, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            _ = await VisibleRunAsync(store, id, cancellationToken);
            return await store.RunLogChunks.AsNoTracking()
                .Where(c => c.RunId == id && (workItemId == null || c.WorkItemId == workItemId))
                .OrderBy(c => c.Id)
                .Select(c => new RunLogEntry { WorkItemId = c.WorkItemId, Offset = c.Offset, Text = c.Text })
                .ToListAsync(cancellationToken);
        });

        group.MapPost("/{id}/cancel", async (string id, RunRuntime runtime, StoreContext store, AuditLog audit, IDeviceNotificationHub devices, HttpContext http, CancellationToken cancellationToken) =>
        {
            var visible = await VisibleRunAsync(store, id, cancellationToken);
            var progress = await runtime.ApplyAsync(id, new CancelRun(), cancellationToken);
            audit.Record(Caller.From(http.User), "cancel", "Run", id, null, progress.ConcurrencyVersion);
            await store.SaveChangesAsync(cancellationToken);
            // The device ends the running step now rather than at its next watch of the run.
            devices.Notify([visible.DeviceId], AgentNotificationReasons.RunCancelled, id);
            return await DetailsAsync(store, await store.Runs.AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken), cancellationToken);
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/resume", async (string id, ResumeRunRequest request, RunRuntime runtime, StoreContext store, RunVariables variables, AuditLog audit,
            StepSecretProtector secrets, IDeviceNotificationHub devices, HttpContext http, CancellationToken cancellationToken) =>
        {
            var visible = await VisibleRunAsync(store, id, cancellationToken);
            // Which edits are secret is read from the run as it was before the resume changed it.
            var secretNames = request.VariableEdits is { Count: > 0 } ? await ResumeAudit.SecretNamesAsync(visible, store, variables, cancellationToken) : [];
            var detail = ResumeAudit.Describe(request, secretNames);
            // A secret's edit enters the run's stored state sealed, as every other secret value there; the device gets it revealed.
            var edits = request.VariableEdits?.ToDictionary(e => e.Key,
                e => secretNames.Contains(e.Key) ? secrets.Protect(e.Value, expandedOnServer: false) : e.Value, StringComparer.OrdinalIgnoreCase);
            var progress = await runtime.ApplyAsync(id, new ResumeRun { FromPath = request.FromPath, VariableEdits = edits }, cancellationToken);
            audit.Record(Caller.From(http.User), "resume", "Run", id, null, progress.ConcurrencyVersion, detail);
            await store.SaveChangesAsync(cancellationToken);
            devices.Notify([visible.DeviceId], AgentNotificationReasons.RunResumed, id);
            return await DetailsAsync(store, await store.Runs.AsNoTracking().FirstAsync(r => r.Id == id, cancellationToken), cancellationToken);
        }).RequireAuthorization(AdminPolicies.Edit);

        return app;
    }

    private static async Task<RunEntity> VisibleRunAsync(StoreContext store, string id, CancellationToken cancellationToken) =>
        await VisibleRuns(store).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw Problem.NotFound("Run", id);

    /// <summary>
    /// A run is visible to whoever may see its task sequence, so it follows the store's scope filter on sequences; a
    /// run whose sequence was deleted is left to callers who see every scope. Unfiltered callers pay no subquery.
    /// </summary>
    private static IQueryable<RunEntity> VisibleRuns(StoreContext store) => !store.FiltersByScope
        ? store.Runs.AsNoTracking()
        : store.Runs.AsNoTracking().Where(r => store.TaskSequences.Any(s => s.Id == r.SequenceId));

    private static async IAsyncEnumerable<RunEventMessage> Stream(RunDetails current, IAsyncEnumerable<RunEventMessage> changes)
    {
        yield return new RunEventMessage { RunId = current.Summary.Id, Status = current.Summary.Status, CurrentStep = current.Summary.CurrentStep, Records = current.History };
        if (RunStatuses.HasEnded(current.Summary.Status))
        {
            yield break;
        }

        await foreach (var change in changes)
        {
            yield return change;
            if (RunStatuses.HasEnded(change.Status))
            {
                yield break;
            }
        }
    }

    private static async Task<RunDetails> DetailsAsync(StoreContext store, RunEntity run, CancellationToken cancellationToken)
    {
        var history = await store.RunHistory.AsNoTracking().Where(h => h.RunId == run.Id).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var state = RunStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(run.State));
        return new RunDetails
        {
            Summary = Summary(run),
            History = [.. history.Select(RunStepRecords.From)],
            FailedPath = state.Status == RunStatus.Succeeded ? null : state.FailedPath,
            FailureReason = state.FailureReason,
            StepsRun = state.StepsRun,
            StepsFailed = state.StepsFailed,
        };
    }

    private static RunSummary Summary(RunEntity run) => new()
    {
        Id = run.Id, DeploymentId = run.DeploymentId, DeviceId = run.DeviceId, SequenceId = run.SequenceId, SequenceVersion = run.SequenceVersion,
        Status = run.Status, CurrentStep = run.CurrentStep, CreatedAt = run.CreatedAt, UpdatedAt = run.UpdatedAt,
    };
}
