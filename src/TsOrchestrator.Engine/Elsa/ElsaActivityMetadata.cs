namespace TsOrchestrator.Engine.Elsa;

/// <summary>An activity's <c>metadata</c>: Elsa Studio shows <c>displayText</c> (and <c>description</c>) on the designer surface.</summary>
public sealed record ElsaActivityMetadata
{
    public required string DisplayText { get; init; }

    /// <summary>The node's description; Elsa Studio shows it under the display text.</summary>
    public string? Description { get; init; }
}
