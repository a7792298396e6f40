namespace TsOrchestrator.Server.Storage;

/// <summary>An admin API key; only its SHA-256 hash is stored.</summary>
public sealed class ApiKeyEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public required string Role { get; set; }

    /// <summary>Comma-separated security scopes; <c>*</c> for all.</summary>
    public string Scopes { get; set; } = "*";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a request last signed in with the key, to the minute (written at most once a minute per key).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
