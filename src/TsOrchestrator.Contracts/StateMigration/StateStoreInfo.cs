namespace TsOrchestrator.Contracts.StateMigration;

/// <summary>
/// A user state store on the state migration point: the device whose state it holds, the device restoring it (the
/// same one, or the destination of a computer association), and where it is in its life (<see cref="Status"/>).
/// </summary>
public sealed record StateStoreInfo
{
    public required string Id { get; init; }

    /// <summary>The device the state was captured on.</summary>
    public required string SourceDeviceId { get; init; }

    /// <summary>The device that requested the store for restore, once one has.</summary>
    public string? RestoringDeviceId { get; init; }

    /// <summary><c>Capturing</c> (no state yet), <c>Captured</c>, <c>Restoring</c> or <c>Released</c> (retention counts from its release).</summary>
    public required string Status { get; init; }

    /// <summary>Bytes of captured state (before encryption); 0 until captured.</summary>
    public long SizeBytes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CapturedAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>When the retention sweep deletes it: its release plus the retention days; none until released.</summary>
    public DateTimeOffset? DeleteAfter { get; init; }

    /// <summary>The security scopes the object belongs to (its source device's when it was created).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
