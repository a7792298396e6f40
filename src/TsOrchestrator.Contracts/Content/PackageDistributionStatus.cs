namespace TsOrchestrator.Contracts.Content;

/// <summary>One package on one distribution point: the version sent or being sent, and how it went.</summary>
public sealed record PackageDistributionStatus
{
    public required string PackageId { get; init; }
    public required string PackageName { get; init; }

    /// <summary>The version this status is about; when lower than <see cref="CurrentVersion"/> a redistribution is due.</summary>
    public int Version { get; init; }

    public int CurrentVersion { get; init; }
    public required string DistributionPointId { get; init; }
    public required string DistributionPointName { get; init; }
    public DistributionStatus Status { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
