namespace TsOrchestrator.Contracts.Content;

/// <summary>A package as the console shows it.</summary>
public sealed record PackageInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public PackageType Type { get; init; }

    /// <summary>Content version: goes up each time the imported content changes.</summary>
    public int Version { get; init; }

    public required string SourcePath { get; init; }
    public required IReadOnlyList<PackageProgram> Programs { get; init; }

    /// <summary>Packages an application depends on: distributed and prestaged with it.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];
    public int FileCount { get; init; }
    public long SizeBytes { get; init; }
    public DateTimeOffset LastImported { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>The optimistic-concurrency version, also sent as the ETag.</summary>
    public long ConcurrencyVersion { get; init; }
}
