namespace TsOrchestrator.Contracts.Content;

/// <summary>The files of one package version, as a distribution point receives and serves them.</summary>
public sealed record PackageManifest
{
    public required string PackageId { get; init; }
    public int Version { get; init; }
    public required IReadOnlyList<ContentFile> Files { get; init; }
}
