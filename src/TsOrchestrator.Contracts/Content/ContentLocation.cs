namespace TsOrchestrator.Contracts.Content;

/// <summary>
/// What an agent needs to download a package: its current version's files and the distribution points
/// holding that version, the device's preferred ones first. An empty list means not distributed yet.
/// </summary>
public sealed record ContentLocation
{
    public required string PackageId { get; init; }
    public required string Name { get; init; }
    public PackageType Type { get; init; }
    public int Version { get; init; }
    public required IReadOnlyList<ContentFile> Files { get; init; }
    public required IReadOnlyList<PackageProgram> Programs { get; init; }
    public required IReadOnlyList<ContentSource> DistributionPoints { get; init; }
}
