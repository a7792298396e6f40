namespace TsOrchestrator.Domain.Sequences;

/// <summary>A group: structures and gates its children, does nothing itself.</summary>
public sealed record GroupNode : TaskSequenceNode
{
    public IReadOnlyList<TaskSequenceNode> Children { get; init; } = [];
}
