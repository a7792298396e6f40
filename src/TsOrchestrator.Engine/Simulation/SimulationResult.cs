using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Engine.Simulation;

/// <summary>The trace of a simulated run: final status, history in execution order, final variables.</summary>
public sealed record SimulationResult
{
    public required RunStatus Status { get; init; }
    public required IReadOnlyList<ActivityRecord> History { get; init; }
    public required IReadOnlyDictionary<string, string> Variables { get; init; }
    public required RunState FinalState { get; init; }

    /// <summary>Every work item sent to the virtual device, in order.</summary>
    public required IReadOnlyList<WorkItem> WorkItems { get; init; }

    /// <summary><c>SMSTSPostAction</c> the agent would run at the end, if any.</summary>
    public string? PostAction { get; init; }
}
