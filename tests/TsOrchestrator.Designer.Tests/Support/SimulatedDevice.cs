using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>
/// A device as the browser tests drive it: registered through the real agent API with the enrollment token, then
/// starting deployments and posting each step's log and result as an agent would, so a run moves while a page watches.
/// </summary>
public sealed class SimulatedDevice : IDisposable
{
    private static readonly RefitSettings Settings = new() { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.AgentOptions) };

    private readonly HttpClient _http;

    private SimulatedDevice(HttpClient http, string id)
    {
        _http = http;
        Id = id;
        Agent = RestService.For<IAgentApi>(http, Settings);
    }

    public string Id { get; }

    public IAgentApi Agent { get; }

    public static DeviceFacts Facts(string hostname) => new() { Hostname = hostname, Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 };

    public static async Task<SimulatedDevice> RegisterAsync(ServerProcess server, string hostname)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.Url) };
        var registration = await RestService.For<IAgentApi>(anonymous, Settings)
            .RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerProcess.EnrollmentToken, Facts = Facts(hostname) });
        var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registration.DeviceKey);
        return new SimulatedDevice(http, registration.DeviceId);
    }

    /// <summary>Starts the deployment; returns the run and its first work item.</summary>
    public async Task<(string RunId, AgentWorkItem WorkItem)> StartAsync(string deploymentId)
    {
        var runId = (await Agent.StartDeploymentAsync(deploymentId)).RunId;
        var status = await Agent.GetRunAsync(runId);
        return (runId, status.WorkItem ?? throw new InvalidOperationException($"run {runId} has no work item: {status.Status}"));
    }

    /// <summary>Posts a step's result; returns the next work item, or null when the run has ended.</summary>
    public async Task<AgentWorkItem?> FinishAsync(string runId, AgentWorkItem item, int exitCode, string? message = null) =>
        (await Agent.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = exitCode, Message = message })).WorkItem;

    public Task LogAsync(string runId, AgentWorkItem item, long offset, string text) =>
        Agent.AppendStepLogAsync(runId, item.Id, new StepLogChunk { Offset = offset, Text = text });

    public void Dispose() => _http.Dispose();
}
