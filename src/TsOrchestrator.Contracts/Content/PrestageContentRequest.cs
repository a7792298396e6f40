namespace TsOrchestrator.Contracts.Content;

/// <summary>Packages (at their current versions) to put in one prestaged content file.</summary>
public sealed record PrestageContentRequest
{
    public IReadOnlyList<string>? PackageIds { get; init; }
}
