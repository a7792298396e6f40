namespace TsOrchestrator.Contracts.Exchange;

/// <summary>An object already on this server that an imported one duplicates.</summary>
public sealed record ExistingObject
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary><c>id</c> (same id) or <c>contentHash</c> (same content under another id).</summary>
    public required string MatchedBy { get; init; }
}
