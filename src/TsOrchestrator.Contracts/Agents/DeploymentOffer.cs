namespace TsOrchestrator.Contracts.Agents;

/// <summary>A deployment as Software Center shows it.</summary>
public sealed record DeploymentOffer
{
    public required string DeploymentId { get; init; }
    public required string SequenceId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required bool Required { get; init; }
    public bool RestartRequired { get; init; }
    public int? DownloadSizeMb { get; init; }
    public int? EstimatedRunTimeMinutes { get; init; }
    public bool HighImpact { get; init; }

    /// <summary>The sequence asks for no "new software is available" notification.</summary>
    public bool SuppressNotifications { get; init; }

    /// <summary>
    /// This device has already run (or is running) the deployment's current occurrence and its rerun behaviour will not
    /// start it again: Software Center lists it, but it is not announced as new.
    /// </summary>
    public bool AlreadyRun { get; init; }

    /// <summary>The high-impact notification (custom text, or the default), shown before the run starts.</summary>
    public HighImpactNotification? Notification { get; init; }
}
