namespace TsOrchestrator.Server.Storage;

/// <summary>A collection or device variable; secret values are stored encrypted and never returned.</summary>
public sealed class VariableEntity
{
    public long Id { get; set; }

    /// <summary><c>collection</c> or <c>device</c>.</summary>
    public required string OwnerKind { get; set; }

    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
    public bool Secret { get; set; }
}
