namespace TsOrchestrator.Contracts.Security;

/// <summary>A key just issued or rotated, with its secret: the only time the server shows it (it keeps a hash).</summary>
public sealed record IssuedApiKey
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The key to send as <c>Authorization: Bearer …</c>.</summary>
    public required string Secret { get; init; }
}
