namespace TsOrchestrator.Contracts.Collections;

/// <summary>Create a collection.</summary>
public sealed record CreateCollectionRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public MembershipRule? Rule { get; init; }
    public int? VariablePriority { get; init; }
}
