using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Journal;

/// <summary>One durable checkpoint: enough to tell the server, after any restart, what happened to the work item.</summary>
internal sealed record CheckpointRecord
{
    public required string RunId { get; init; }
    public required string WorkItemId { get; init; }
    public required string Path { get; init; }
    public int Attempt { get; init; } = 1;
    public required CheckpointState State { get; init; }
    public WorkItemResult? Result { get; init; }
    public DateTimeOffset WrittenAt { get; init; }
}
