namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>A row of the task sequence list.</summary>
public sealed record TaskSequenceSummary
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Folder { get; init; }
    public required int Version { get; init; }
    public required bool Enabled { get; init; }

    /// <summary>Flagged high-impact, or containing steps that wipe or replace the OS.</summary>
    public required bool HighImpact { get; init; }

    public required DateTimeOffset LastModified { get; init; }
    public required string LastModifiedBy { get; init; }

    /// <summary>Who holds the edit lock, if anyone.</summary>
    public EditLockInfo? Lock { get; init; }

    /// <summary>The security scopes the object belongs to.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
