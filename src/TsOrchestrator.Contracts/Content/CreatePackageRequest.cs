namespace TsOrchestrator.Contracts.Content;

/// <summary>Creates a package by importing its source folder (a path on the site server) into the content library.</summary>
public sealed record CreatePackageRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public PackageType Type { get; init; } = PackageType.Package;
    public string? SourcePath { get; init; }

    /// <summary>Programs of a <see cref="PackageType.Package"/>; other types have none.</summary>
    public IReadOnlyList<PackageProgram>? Programs { get; init; }

    /// <summary>Packages an <see cref="PackageType.Application"/> depends on; they go wherever it goes.</summary>
    public IReadOnlyList<string>? Dependencies { get; init; }
}
