namespace TsOrchestrator.Server.Storage;

/// <summary>
/// One run of a sequence on a device: the engine's hot state as JSON, and the documents it was
/// compiled from, so the definition can be rebuilt byte for byte after a server restart.
/// </summary>
public sealed class RunEntity
{
    public required string Id { get; set; }
    public string? DeploymentId { get; set; }
    public required string DeviceId { get; set; }
    public required string SequenceId { get; set; }
    public int SequenceVersion { get; set; }
    public required string Status { get; set; }
    public required string State { get; set; }

    /// <summary>JSON array of the native documents compiled: the sequence first, then its children.</summary>
    public required string Definition { get; set; }

    /// <summary>The outstanding work item as JSON, while the run waits for the device.</summary>
    public string? PendingWorkItem { get; set; }

    public string? CurrentStep { get; set; }

    /// <summary>History records appended so far: the next record's sequence number.</summary>
    public int HistoryCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long ConcurrencyVersion { get; set; }
}
