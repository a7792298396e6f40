namespace TsOrchestrator.Contracts.Content;

/// <summary>
/// Changes a package (send the ETag you read as If-Match). The source folder is imported again either
/// way; the package version goes up only when the content changed.
/// </summary>
public sealed record UpdatePackageRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? SourcePath { get; init; }
    public IReadOnlyList<PackageProgram>? Programs { get; init; }

    /// <summary>Packages an <see cref="PackageType.Application"/> depends on; they go wherever it goes.</summary>
    public IReadOnlyList<string>? Dependencies { get; init; }
}
