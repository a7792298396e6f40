namespace TsOrchestrator.Contracts.Collections;

/// <summary>A collection: direct members plus its membership rule's matches.</summary>
public sealed record CollectionInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public MembershipRule? Rule { get; init; }
    public int VariablePriority { get; init; }
    public required IReadOnlyList<string> DirectMembers { get; init; }

    /// <summary>The security scopes the object belongs to.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
