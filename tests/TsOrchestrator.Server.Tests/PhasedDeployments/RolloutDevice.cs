using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>A registered device as its agent would drive it.</summary>
public sealed record RolloutDevice(string Id, IAgentApi Agent, DeviceFacts Facts)
{
    public Task<CheckInResponse> CheckInAsync() => Agent.CheckInAsync(new CheckInRequest { Facts = Facts });

    /// <summary>Checks in; when a required run started, runs its one step to the given exit code and returns the run's end status.</summary>
    public async Task<string?> CheckInAndRunAsync(int exitCode = 0)
    {
        if ((await CheckInAsync()).ActiveRunId is not { } runId)
        {
            return null;
        }

        var item = (await Agent.GetRunAsync(runId)).WorkItem.ShouldNotBeNull();
        return (await Agent.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = exitCode })).Status;
    }
}
