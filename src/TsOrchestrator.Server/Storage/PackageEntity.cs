using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Server.Storage;

/// <summary>A package: its current content version; the files of each version are <see cref="PackageFileEntity"/> rows.</summary>
public sealed class PackageEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public PackageType Type { get; set; }

    /// <summary>Content version; bumps when an import finds different content.</summary>
    public int Version { get; set; }

    public required string SourcePath { get; set; }

    /// <summary>Programs as JSON (a list of name and command line).</summary>
    public string Programs { get; set; } = "[]";

    /// <summary>Package ids an application needs with it (JSON list): distributed and prestaged along with it.</summary>
    public string Dependencies { get; set; } = "[]";

    public int FileCount { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset LastImported { get; set; }
    public string Scopes { get; set; } = "default";
    public long ConcurrencyVersion { get; set; }
}
