namespace TsOrchestrator.Contracts.Content;

/// <summary>One file of a package version: where it goes, how big it is, and its <see cref="ContentHash"/>.</summary>
public sealed record ContentFile
{
    /// <summary>Path relative to the package root, with <c>/</c> separators.</summary>
    public required string Path { get; init; }

    public long Size { get; init; }
    public required string Hash { get; init; }
}
