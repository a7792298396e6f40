namespace TsOrchestrator.Contracts.StateMigration;

/// <summary>Associates a source device with the destination device that restores its user state.</summary>
public sealed record CreateComputerAssociationRequest
{
    public required string SourceDeviceId { get; init; }
    public required string DestinationDeviceId { get; init; }
}
