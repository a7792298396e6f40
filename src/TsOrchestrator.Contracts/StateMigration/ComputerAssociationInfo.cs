namespace TsOrchestrator.Contracts.StateMigration;

/// <summary>
/// A computer association: the destination device restores the user state captured on the source device (a
/// replace, where the old and the new computer are different devices).
/// </summary>
public sealed record ComputerAssociationInfo
{
    public required string Id { get; init; }
    public required string SourceDeviceId { get; init; }
    public required string DestinationDeviceId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
