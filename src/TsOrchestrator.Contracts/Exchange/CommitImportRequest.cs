namespace TsOrchestrator.Contracts.Exchange;

/// <summary>The per-object actions of an import, by exported id; an object not named takes its proposed action.</summary>
public sealed record CommitImportRequest
{
    public IReadOnlyDictionary<string, ImportAction>? Actions { get; init; }
}
