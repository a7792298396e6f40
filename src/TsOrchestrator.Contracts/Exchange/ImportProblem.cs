namespace TsOrchestrator.Contracts.Exchange;

/// <summary>A validation problem of an imported sequence, such as a password that must be re-entered.</summary>
public sealed record ImportProblem
{
    public required string SequenceId { get; init; }
    public required string Path { get; init; }
    public required string Field { get; init; }
    public required string Message { get; init; }
    public required string Severity { get; init; }
}
