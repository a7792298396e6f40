namespace TsOrchestrator.Server.Storage;

/// <summary>
/// One run of a sequence on a device: the engine's hot state as JSON and the hash of the definition it
/// is pinned to (its documents are in <see cref="RunDefinitionEntity"/>).
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

    public required string DefinitionHash { get; set; }

    /// <summary>The outstanding work item as JSON, while the run waits for the device.</summary>
    public string? PendingWorkItem { get; set; }

    public string? CurrentStep { get; set; }

    /// <summary>History records appended so far: the next record's sequence number.</summary>
    public int HistoryCount { get; set; }
    /// <summary>When the sequence's maximum allowed run time ends the run (TimedOut) unless it has finished.</summary>
    public DateTimeOffset? Deadline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long ConcurrencyVersion { get; set; }

    /// <summary>Bytes of inspection data (variable changes, condition evaluations) kept for this run so far.</summary>
    public long InspectionBytes { get; set; }

    /// <summary>The first history record whose inspection data was not kept because the run reached its cap; null while under it.</summary>
    public int? InspectionCappedAt { get; set; }

    /// <summary>When retention removed this run's inspection data (its history stays).</summary>
    public DateTimeOffset? InspectionRemovedAt { get; set; }
}
