namespace TsOrchestrator.Domain.Sequences;

/// <summary>What Software Center shows before a user starts the sequence (informational).</summary>
public sealed record SoftwareCenterProperties
{
    public bool RestartRequired { get; init; }
    public int? DownloadSizeMb { get; init; }
    public int? EstimatedRunTimeMinutes { get; init; }
}
