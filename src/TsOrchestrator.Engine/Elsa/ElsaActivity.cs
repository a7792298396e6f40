using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// One activity of an Elsa 3 workflow: a step (custom type <c>TsOrchestrator.&lt;step type&gt;</c>), a group
/// (<c>Elsa.Sequence</c>), a condition (<c>Elsa.If</c> wrapping the node it guards) or the root.
/// </summary>
public sealed record ElsaActivity
{
    public required string Id { get; init; }

    /// <summary>The activity's place in the tree (<c>Workflow1:root:child</c>), as Elsa computes it on load.</summary>
    public required string NodeId { get; init; }

    public required string Type { get; init; }
    public int Version { get; init; } = 1;
    public required ElsaActivityProperties CustomProperties { get; init; }
    public required ElsaActivityMetadata Metadata { get; init; }

    /// <summary>Children of a composite (a group, the root, an inlined child sequence), in execution order.</summary>
    public IReadOnlyList<ElsaActivity>? Activities { get; init; }

    /// <summary>Variables scoped to a composite; Elsa writes an empty list on every Sequence.</summary>
    public IReadOnlyList<ElsaVariable>? Variables { get; init; }

    /// <summary>An If's Boolean input.</summary>
    public ElsaInput? Condition { get; init; }

    /// <summary>An If's branch taken when the condition holds: the node it guards.</summary>
    public ElsaActivity? Then { get; init; }

    /// <summary>
    /// Step settings as Elsa inputs, by camelCase name (Elsa writes inputs beside the activity's own keys).
    /// Sorted by name so that two exports are byte-identical. Settable, not init: System.Text.Json cannot bind
    /// extension data of a type with required members through its initializer.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, object>? Inputs { get; set; }
}
