using System.Text.Json;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.StateMigration;

namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// The one place where the server's answers come in: every answer is checked (<see cref="ServerAnswers"/>) before any
/// part of the agent sees it, and an answer that could not be read (too large, not JSON, not the contract) surfaces as
/// a <see cref="ServerAnswerException"/>, which the callers refuse, log and ask again.
/// </summary>
internal sealed class CheckedAgentApi(IAgentApi server) : IAgentApi
{
    public async Task<RegisterDeviceResponse> RegisterAsync(RegisterDeviceRequest request, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.RegisterAsync(request, cancellationToken)));

    public async Task<RegisterDeviceResponse> RegisterUnknownComputerAsync(RegisterUnknownComputerRequest request, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.RegisterUnknownComputerAsync(request, cancellationToken)));

    public async Task<SiteProofResponse> ProveSiteAsync(SiteProofRequest request, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.ProveSiteAsync(request, cancellationToken)));

    public async Task<CheckInResponse> CheckInAsync(CheckInRequest request, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.CheckInAsync(request, cancellationToken)));

    public async Task<StartRunResponse> StartDeploymentAsync(string deploymentId, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.StartDeploymentAsync(deploymentId, cancellationToken)));

    public async Task<AgentRunStatus> GetRunAsync(string runId, int? wait = null, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.GetRunAsync(runId, wait, cancellationToken)), runId);

    public async Task<AgentRunStatus> PostResultAsync(string runId, string workItemId, WorkItemResult result, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.PostResultAsync(runId, workItemId, result, cancellationToken)), runId);

    public async Task<AgentRunStatus> PostConditionAsync(string runId, string workItemId, ConditionResult result, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.PostConditionAsync(runId, workItemId, result, cancellationToken)), runId);

    public Task AppendStepLogAsync(string runId, string workItemId, StepLogChunk chunk, CancellationToken cancellationToken = default) =>
        Read(server.AppendStepLogAsync(runId, workItemId, chunk, cancellationToken));

    public async Task<AgentRunStatus> ResumeRunAsync(string runId, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.ResumeRunAsync(runId, cancellationToken)), runId);

    public async Task<AgentRunStatus> ReportRestartAsync(string runId, RestartReport report, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.ReportRestartAsync(runId, report, cancellationToken)), runId);

    public async Task<ContentLocation> GetContentLocationAsync(string packageId, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.GetContentLocationAsync(packageId, cancellationToken)), packageId);

    public async Task<StateStoreInfo> RequestStateStoreAsync(StateStoreRequest request, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.RequestStateStoreAsync(request, cancellationToken)));

    public async Task<StateStoreInfo> ReleaseStateStoreAsync(string storeId, CancellationToken cancellationToken = default) =>
        ServerAnswers.Check(await Read(server.ReleaseStateStoreAsync(storeId, cancellationToken)), storeId);

    private static async Task<T> Read<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (Unreadable(ex) is { } refusal)
        {
            throw refusal;
        }
    }

    private static async Task Read(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (Unreadable(ex) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// A success status whose body Refit could not turn into the contract (it reports that as an <see cref="ApiException"/>
    /// with the 2xx status), or a body <see cref="BoundedAnswerHandler"/> stopped reading (wrapped by Refit or HttpClient).
    /// </summary>
    private static ServerAnswerException? Unreadable(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is ServerAnswerException refusal)
            {
                return refusal;
            }
        }

        return exception switch
        {
            ApiException api when (int)api.StatusCode is >= 200 and < 300 => new ServerAnswerException(
                $"the answer is not the contract's JSON: {(api.InnerException as JsonException)?.Message ?? api.InnerException?.Message ?? api.Message}", exception),
            JsonException json => new ServerAnswerException($"the answer is not the contract's JSON: {json.Message}", exception),
            _ => null,
        };
    }
}
