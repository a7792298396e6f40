namespace TsOrchestrator.Contracts.Runs;

/// <summary>Resume a failed, cancelled or timed-out run at its failed step or an earlier path, after variable edits.</summary>
public sealed record ResumeRunRequest
{
    public string? FromPath { get; init; }
    public IReadOnlyDictionary<string, string>? VariableEdits { get; init; }
}
