using Refit;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.StateMigration;

namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// The agent API, as agents call it. Every call but <see cref="RegisterAsync"/> carries the device key
/// (<c>Authorization: Bearer</c>); every call is safe to retry.
/// </summary>
public interface IAgentApi
{
    [Post("/agent/v1/register")]
    Task<RegisterDeviceResponse> RegisterAsync([Body] RegisterDeviceRequest request, CancellationToken cancellationToken = default);

    /// <summary>First contact of an unknown computer booted from the network or boot media, without the enrollment token.</summary>
    [Post("/agent/v1/register/unknown-computer")]
    Task<RegisterDeviceResponse> RegisterUnknownComputerAsync([Body] RegisterUnknownComputerRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether this server is of the site the device registered with (another node, or a load balancer in front of the
    /// site): anonymous, because the device does not show its key to a server before it knows. Older servers answer 404.
    /// </summary>
    [Post("/agent/v1/site-proof")]
    Task<SiteProofResponse> ProveSiteAsync([Body] SiteProofRequest request, CancellationToken cancellationToken = default);

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

    /// <summary>Appends to the log of the step the work item runs; a chunk already stored (same offset) is ignored.</summary>
    [Post("/agent/v1/runs/{runId}/work-items/{workItemId}/log")]
    Task AppendStepLogAsync(string runId, string workItemId, [Body] StepLogChunk chunk, CancellationToken cancellationToken = default);

    /// <summary>
    /// The boot wizard's Previous after a failure (content that was missing is there now): the device's own failed run
    /// goes on at its failed step. 409 when the run has not failed.
    /// </summary>
    [Post("/agent/v1/runs/{runId}/resume")]
    Task<AgentRunStatus> ResumeRunAsync(string runId, CancellationToken cancellationToken = default);

    [Post("/agent/v1/runs/{runId}/restarted")]
    Task<AgentRunStatus> ReportRestartAsync(string runId, [Body] RestartReport report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Where a package's current version is: its files (size, content hash) and the distribution points that
    /// hold it, the device's preferred ones first; empty when not distributed yet. 404 problem for an unknown package.
    /// </summary>
    [Get("/agent/v1/content/{packageId}")]
    Task<ContentLocation> GetContentLocationAsync(string packageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Request State Store: a new store for this device to capture into, or the store it restores from (its own latest
    /// captured one, or that of a device associated with it); a restore without one is a 404 problem saying so.
    /// The state itself goes up and down as a raw body: <c>PUT</c>/<c>GET /agent/v1/state-stores/{storeId}/state</c>.
    /// </summary>
    [Post("/agent/v1/state-stores")]
    Task<StateStoreInfo> RequestStateStoreAsync([Body] StateStoreRequest request, CancellationToken cancellationToken = default);

    /// <summary>Release State Store: the capture or restore is over; after a restore the store's retention starts.</summary>
    [Post("/agent/v1/state-stores/{storeId}/release")]
    Task<StateStoreInfo> ReleaseStateStoreAsync(string storeId, CancellationToken cancellationToken = default);
}
