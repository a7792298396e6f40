namespace TsOrchestrator.Engine.Elsa;

/// <summary>An activity's <c>metadata</c>: Elsa Studio shows <c>displayText</c> on the designer surface.</summary>
public sealed record ElsaActivityMetadata
{
    public required string DisplayText { get; init; }
}
