using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Variables;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Notifications;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Agents;

/// <summary><c>/agent/v1</c>: what agents call. A device reaches only its own runs.</summary>
public static class AgentApi
{
    public const string Policy = DeviceCallers.Policy;

    /// <summary>The concurrency limit of agent calls (see <see cref="AgentOptions.MaxConcurrentCalls"/>).</summary>
    public const string CallLimit = "agent-calls";

    /// <summary>The most text one log chunk may carry (the agent sends less, more often).</summary>
    public const int MaxLogChunk = 64 * 1024;

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/agent/v1/register", (RegisterDeviceRequest request, AgentService agents, CancellationToken cancellationToken) =>
            agents.RegisterAsync(request, cancellationToken)).AllowAnonymous().WithTags("Agent").RequireRateLimiting(CallLimit);
        app.MapPost("/agent/v1/register/unknown-computer", (RegisterUnknownComputerRequest request, AgentService agents, CancellationToken cancellationToken) =>
            agents.RegisterUnknownComputerAsync(request, cancellationToken)).AllowAnonymous().WithTags("Agent").RequireRateLimiting(CallLimit);

        // Anonymous: a device asks before it shows this server its key (see SiteProofs).
        app.MapPost("/agent/v1/site-proof", (SiteProofRequest request, StoreContext store, CancellationToken cancellationToken) =>
            SiteProofs.ProveAsync(request, store, cancellationToken)).AllowAnonymous().WithTags("Agent").RequireRateLimiting(CallLimit);

        var group = app.MapGroup("/agent/v1").WithTags("Agent").RequireAuthorization(Policy).RequireRateLimiting(CallLimit);

        group.MapPost("/check-in", (CheckInRequest request, AgentService agents, Telemetry.ServerMetrics metrics, HttpContext http, CancellationToken cancellationToken) =>
        {
            metrics.CheckIn();
            return agents.CheckInAsync(DeviceId(http), request, cancellationToken);
        });

        group.MapPost("/deployments/{deploymentId}/start", (string deploymentId, AgentService agents, HttpContext http, CancellationToken cancellationToken) =>
            agents.StartAsync(DeviceId(http), deploymentId, cancellationToken));

        // Long poll: answers at once when there is work or the run has ended, else waits a little for it. It waits
        // without a turn of the call limit, which would otherwise be held for the whole wait.
        group.MapGet("/runs/{runId}", async (string runId, int? wait, StoreContext store, RunVariables variables, StepSecretProtector secrets, IOptions<AgentOptions> options, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            var deadline = clock.GetUtcNow().AddSeconds(Math.Clamp(wait ?? 0, 0, options.Value.LongPollSeconds));
            while (true)
            {
                var run = await OwnRunAsync(store, runId, http, cancellationToken);
                if (run.PendingWorkItem is not null || run.Status != nameof(RunStatus.Running) || clock.GetUtcNow() >= deadline)
                {
                    return await StatusAsync(RunProgress.From(run), variables, secrets, store, http, cancellationToken);
                }

                store.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
            }
        }).DisableRateLimiting();

        // The fast channel: held until the server has something for the device ("check in now"), else answered empty
        // after the wait. Like the run's long poll it waits outside the call limit and holds no store connection.
        group.MapGet("/notifications", (int? wait, IDeviceNotificationHub hub, IOptions<AgentOptions> options, HttpContext http, CancellationToken cancellationToken) =>
            hub.WaitAsync(DeviceId(http), TimeSpan.FromSeconds(Math.Clamp(wait ?? 0, 0, options.Value.NotificationWaitSeconds)), cancellationToken)).DisableRateLimiting();

        group.MapPost("/runs/{runId}/work-items/{workItemId}/result", async (string runId, string workItemId, WorkItemResult result,
            StoreContext store, RunVariables variables, StepSecretProtector secrets, RunRuntime runtime, HttpContext http, CancellationToken cancellationToken) =>
        {
            var run = await runtime.ApplyAsync(runId, DeviceId(http), new WorkItemCompleted
            {
                WorkItemId = workItemId, ExitCode = result.ExitCode, Succeeded = result.Succeeded, VariablesSet = result.Variables, Message = result.Message,
            }, cancellationToken);
            return await StatusAsync(run, variables, secrets, store, http, cancellationToken);
        });

        group.MapPost("/runs/{runId}/work-items/{workItemId}/condition", async (string runId, string workItemId, ConditionResult result,
            StoreContext store, RunVariables variables, StepSecretProtector secrets, RunRuntime runtime, HttpContext http, CancellationToken cancellationToken) =>
        {
            var run = await runtime.ApplyAsync(runId, DeviceId(http), new ConditionEvaluated { WorkItemId = workItemId, Result = result.Result, Error = result.Error, Explanation = result.Explanation is { Length: > 1000 } text ? text[..1000] : result.Explanation }, cancellationToken);
            return await StatusAsync(run, variables, secrets, store, http, cancellationToken);
        });

        // Step logs are the operator's view of the device, not part of the run's state: stored once per offset, published live.
        group.MapPost("/runs/{runId}/work-items/{workItemId}/log", async (string runId, string workItemId, StepLogChunk chunk, StoreContext store,
            RunEventHub events, TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (chunk.Text is null || chunk.Text.Length > MaxLogChunk || chunk.Offset < 0)
            {
                throw Problem.BadRequest("text", $"a log chunk holds 1 to {MaxLogChunk} characters at an offset of 0 or more");
            }

            await EnsureOwnRunAsync(store, runId, http, cancellationToken);
            if (await store.RunLogChunks.AnyAsync(c => c.RunId == runId && c.WorkItemId == workItemId && c.Offset == chunk.Offset, cancellationToken))
            {
                return Results.NoContent();
            }

            store.RunLogChunks.Add(new RunLogChunkEntity { RunId = runId, WorkItemId = workItemId, Offset = chunk.Offset, Text = chunk.Text, ReceivedAt = clock.GetUtcNow() });
            try
            {
                await store.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same chunk, retried, may have raced its first copy in: then there is nothing to add.
                store.ChangeTracker.Clear();
                if (await store.RunLogChunks.AsNoTracking().AnyAsync(c => c.RunId == runId && c.WorkItemId == workItemId && c.Offset == chunk.Offset, cancellationToken))
                {
                    return Results.NoContent();
                }

                throw;
            }

            var run = await store.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Status, r.CurrentStep }).FirstAsync(cancellationToken);
            events.Publish(new Contracts.Runs.RunEventMessage
            {
                RunId = runId, Status = run.Status, CurrentStep = run.CurrentStep, Records = [],
                Log = new Contracts.Runs.RunLogEntry { WorkItemId = workItemId, Offset = chunk.Offset, Text = chunk.Text },
            });
            return Results.NoContent();
        });

        group.MapPost("/runs/{runId}/resume", async (string runId, StoreContext store, RunVariables variables, StepSecretProtector secrets, RunRuntime runtime, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var own = await OwnRunAsync(store, runId, http, cancellationToken);
            if (own.Status != nameof(RunStatus.Failed))
            {
                throw Problem.Conflict($"run {runId} is {own.Status}: a device resumes only its own failed run");
            }

            var run = await runtime.ApplyAsync(runId, new ResumeRun(), cancellationToken);
            return await StatusAsync(run, variables, secrets, store, http, cancellationToken);
        });

        group.MapPost("/runs/{runId}/restarted", async (string runId, RestartReport report, StoreContext store, RunVariables variables, StepSecretProtector secrets, RunRuntime runtime, HttpContext http, CancellationToken cancellationToken) =>
        {
            var run = await runtime.ApplyAsync(runId, DeviceId(http), new DeviceRestarted { Expected = report.Expected, WorkItemId = report.WorkItemId, InBootMedia = report.InBootMedia }, cancellationToken);
            return await StatusAsync(run, variables, secrets, store, http, cancellationToken);
        });

        return app;
    }

    /// <summary>
    /// The agent's view of the run; here, and only here, protected step secrets are revealed and a step's environment
    /// gets the device's secret variables.
    /// </summary>
    private static async Task<AgentRunStatus> StatusAsync(RunProgress run, RunVariables variables, StepSecretProtector secrets, StoreContext store, HttpContext http, CancellationToken cancellationToken)
    {
        var status = RunRuntime.ToAgentStatus(run);
        if (status.WorkItem is { } pending)
        {
            status = status with { WorkItem = secrets.Reveal(pending) };
        }

        if (status.PostAction is { } postAction && SealedValues.Contains(postAction))
        {
            var revealed = new List<string>();
            status = status with { PostAction = secrets.Reveal(postAction, revealed), PostActionSecrets = revealed };
        }

        if (status.WorkItem is not { Kind: nameof(WorkItemKind.Step) } item || !await variables.AnySecretsAsync(cancellationToken))
        {
            return status;
        }

        var device = await store.Devices.AsNoTracking().FirstAsync(d => d.Id == DeviceId(http), cancellationToken);
        var launchedFromBootMedia = item.Variables is { } state && state.TryGetValue(RunVariables.LaunchModeVariable, out var mode) && mode == RunVariables.BootMediaLaunchMode;
        var deviceSecrets = await variables.SecretsForDeviceAsync(device, launchedFromBootMedia, cancellationToken);
        if (deviceSecrets.Count == 0)
        {
            return status;
        }

        // Runs started before device secrets were sealed into the run's state get them here; a newer run has them already.
        var environment = new Dictionary<string, string>(item.Variables ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        var added = deviceSecrets.Where(s => environment.TryAdd(s.Key, s.Value)).Select(s => s.Key).ToList();
        return added.Count == 0
            ? status
            : status with { WorkItem = item with { Variables = environment, SecretVariables = [.. item.SecretVariables ?? [], .. added] } };
    }

    private static string DeviceId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    // A log chunk checks that the run is the device's own: one indexed column, compiled once. (Results, conditions and restart
    // reports check it with the run's load.)
    private static readonly CompiledStoreQuery<string, string?> RunDevice =
        new((store, runId, _) => store.Runs.Where(r => r.Id == runId).Select(r => r.DeviceId).FirstOrDefault());

    private static async Task EnsureOwnRunAsync(StoreContext store, string runId, HttpContext http, CancellationToken cancellationToken)
    {
        if (await RunDevice.RunAsync(store, runId, cancellationToken) != DeviceId(http))
        {
            throw Problem.NotFound("Run", runId);
        }
    }

    private static async Task<RunEntity> OwnRunAsync(StoreContext store, string runId, HttpContext http, CancellationToken cancellationToken)
    {
        var run = await store.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is not null && run.DeviceId == DeviceId(http) ? run : throw Problem.NotFound("Run", runId);
    }
}
