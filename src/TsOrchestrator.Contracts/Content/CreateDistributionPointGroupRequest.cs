namespace TsOrchestrator.Contracts.Content;

public sealed record CreateDistributionPointGroupRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? DistributionPointIds { get; init; }
}
