using Refit;

namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// The agent API, as agents call it. Every call but <see cref="RegisterAsync"/> carries the device key
/// (<c>Authorization: Bearer</c>); every call is safe to retry.
/// </summary>
public interface IAgentApi
{
    [Post("/agent/v1/register")]
    Task<RegisterDeviceResponse> RegisterAsync([Body] RegisterDeviceRequest request, CancellationToken cancellationToken = default);

    [Post("/agent/v1/check-in")]
    Task<CheckInResponse> CheckInAsync([Body] CheckInRequest request, CancellationToken cancellationToken = default);

    [Post("/agent/v1/deployments/{deploymentId}/start")]
    Task<StartRunResponse> StartDeploymentAsync(string deploymentId, CancellationToken cancellationToken = default);

    /// <summary>The run and its work item; with <paramref name="wait"/> (seconds) the server holds the call until there is work or the run ends.</summary>
    [Get("/agent/v1/runs/{runId}")]
    Task<AgentRunStatus> GetRunAsync(string runId, int? wait = null, CancellationToken cancellationToken = default);

    [Post("/agent/v1/runs/{runId}/work-items/{workItemId}/result")]
    Task<AgentRunStatus> PostResultAsync(string runId, string workItemId, [Body] WorkItemResult result, CancellationToken cancellationToken = default);

    [Post("/agent/v1/runs/{runId}/work-items/{workItemId}/condition")]
    Task<AgentRunStatus> PostConditionAsync(string runId, string workItemId, [Body] ConditionResult result, CancellationToken cancellationToken = default);

    [Post("/agent/v1/runs/{runId}/restarted")]
    Task<AgentRunStatus> ReportRestartAsync(string runId, [Body] RestartReport report, CancellationToken cancellationToken = default);
}
