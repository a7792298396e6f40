namespace TsOrchestrator.Contracts.Agents;

/// <summary>What the user is told before a high-impact sequence starts.</summary>
public sealed record HighImpactNotification
{
    public required string Headline { get; init; }
    public required IReadOnlyList<string> Messages { get; init; }
}
