using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>A group or a step of a task sequence. Order among siblings is execution order.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(GroupNode), "group")]
[JsonDerivedType(typeof(StepNode), "step")]
public abstract record TaskSequenceNode
{
    /// <summary>Optional stable identity (the designer assigns one); unique within a sequence when present.</summary>
    [JsonPropertyOrder(-10)]
    public string? Id { get; init; }

    /// <summary>Display name, 1–100 characters; names need not be unique.</summary>
    [JsonPropertyOrder(-9)]
    public required string Name { get; init; }

    [JsonPropertyOrder(-8)]
    public string? Description { get; init; }

    /// <summary>A disabled node is skipped, a disabled group with its whole subtree.</summary>
    [JsonPropertyOrder(-7)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Disabled { get; init; }

    /// <summary>When this node fails, execution goes on after it instead of failing the enclosing group.</summary>
    [JsonPropertyOrder(-6)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ContinueOnError { get; init; }

    /// <summary>Evaluated immediately before the node runs; false skips it. Null means always run.</summary>
    [JsonPropertyOrder(-5)]
    public Condition? Condition { get; init; }
}
