using System.Text.Json.Nodes;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// An Elsa 3 workflow definition as Elsa Studio imports it (its <c>WorkflowDefinitionModel</c>): one version of
/// a compiled task sequence, with a root <c>Elsa.Sequence</c> holding one activity per step or group.
/// </summary>
public sealed record ElsaWorkflowDefinition
{
    /// <summary>The version's id: the sequence id and version (<c>TS12AB34CD-v3</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The id every version shares: the task sequence id.</summary>
    public required string DefinitionId { get; init; }

    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>When the version was saved; left out when unknown (a file exported offline).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public required int Version { get; init; }

    /// <summary>Elsa treats definitions with a tool version of 3 or more as made with its current tooling.</summary>
    public string ToolVersion { get; init; } = ElsaWorkflowExporter.ToolVersion;

    public IReadOnlyList<ElsaVariable> Variables { get; init; } = [];
    public JsonArray Inputs { get; init; } = [];
    public JsonArray Outputs { get; init; } = [];
    public IReadOnlyList<string> Outcomes { get; init; } = [];
    public required ElsaWorkflowProperties CustomProperties { get; init; }
    public bool IsReadonly { get; init; }
    public bool IsSystem { get; init; }
    public bool IsLatest { get; init; }
    public bool IsPublished { get; init; }
    public ElsaWorkflowOptions Options { get; init; } = new();
    public required ElsaActivity Root { get; init; }
}
