namespace TsOrchestrator.Server.Storage;

/// <summary>
/// A user state store of the state migration point. The state lies encrypted in <see cref="BlobFile"/> under the
/// state store folder, with a key of its own that only this server's Data Protection key ring opens.
/// </summary>
public sealed class StateStoreEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string SourceDeviceId { get; set; }
    public string? RestoringDeviceId { get; set; }
    public StateStoreStatus Status { get; set; }

    /// <summary>The run and work item of the Request State Store that created it, so a retried request finds it again.</summary>
    public required string RequestKey { get; set; }

    /// <summary>The encrypted state's file name in the state store folder; null until the state is uploaded.</summary>
    public string? BlobFile { get; set; }

    /// <summary>The store's AES-256 key, protected with Data Protection (base64); null until the state is uploaded.</summary>
    public string? ProtectedKey { get; set; }

    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CapturedAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public string Scopes { get; set; } = "default";
}
