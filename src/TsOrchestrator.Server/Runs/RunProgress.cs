using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>What a transition leaves of a run: the hot fields the agent API answers from.</summary>
public sealed record RunProgress(string Id, string Status, string State, string? PendingWorkItem, string? CurrentStep, long ConcurrencyVersion)
{
    public static RunProgress From(RunEntity run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.Status, run.State, run.PendingWorkItem, run.CurrentStep, run.ConcurrencyVersion);
    }
}
