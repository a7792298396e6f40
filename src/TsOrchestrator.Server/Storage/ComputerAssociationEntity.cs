namespace TsOrchestrator.Server.Storage;

/// <summary>A source device whose captured user state the destination device restores (a computer replace).</summary>
public sealed class ComputerAssociationEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string SourceDeviceId { get; set; }
    public required string DestinationDeviceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The destination device's scopes when it was made: whoever sees that device sees where its state comes from.</summary>
    public string Scopes { get; set; } = "default";
}
