namespace TsOrchestrator.Contracts.Runs;

/// <summary>A run in lists: which sequence on which device, how it stands.</summary>
public sealed record RunSummary
{
    public required string Id { get; init; }
    public string? DeploymentId { get; init; }
    public required string DeviceId { get; init; }
    public required string SequenceId { get; init; }
    public required int SequenceVersion { get; init; }
    public required string Status { get; init; }

    /// <summary>Path of the step running now, or where the run failed.</summary>
    public string? CurrentStep { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
