namespace TsOrchestrator.Contracts.Exchange;

/// <summary>A committed import: every object's outcome, and the imported sequences' validation problems.</summary>
public sealed record ImportResult
{
    public required string ImportId { get; init; }
    public required IReadOnlyList<ImportedObject> Objects { get; init; }
    public required IReadOnlyList<ImportProblem> Problems { get; init; }
}
