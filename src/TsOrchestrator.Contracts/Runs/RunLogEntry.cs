namespace TsOrchestrator.Contracts.Runs;

/// <summary>Log text a step wrote on the device, in the order it was written.</summary>
public sealed record RunLogEntry
{
    public required string WorkItemId { get; init; }
    public long Offset { get; init; }
    public required string Text { get; init; }
}
