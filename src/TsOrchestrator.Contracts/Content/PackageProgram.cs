namespace TsOrchestrator.Contracts.Content;

/// <summary>A program of a package: the command line Install Package runs from the package's content.</summary>
public sealed record PackageProgram
{
    public required string Name { get; init; }
    public required string CommandLine { get; init; }
}
