using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>A step that does nothing for a while: the device is busy (installing, copying) but the server is not.</summary>
internal sealed class NoOpStepHandler(string typeId, TimeSpan think) : IStepHandler
{
    public string TypeId => typeId;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(think, cancellationToken);
        return new WorkItemResult { ExitCode = 0 };
    }
}
