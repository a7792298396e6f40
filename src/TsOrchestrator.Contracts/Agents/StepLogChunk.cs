namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// A piece of a step's log as the agent streams it. <see cref="Offset"/> is where the text starts in the step's log
/// (in characters), so a chunk sent twice (a retry after a lost answer) is stored once.
/// </summary>
public sealed record StepLogChunk
{
    public long Offset { get; init; }
    public required string Text { get; init; }
}
