namespace TsOrchestrator.Contracts.PhasedDeployments;

/// <summary>Roll a task sequence out to two or more collections, one phase after another.</summary>
public sealed record CreatePhasedDeploymentRequest
{
    public string? Name { get; init; }
    public string? SequenceId { get; init; }
    public IReadOnlyList<PhaseSettings>? Phases { get; init; }

    /// <summary>Optional: suspend by itself when more than this percentage (0 to 99) of the current phase's devices failed.</summary>
    public int? HaltFailurePercent { get; init; }

    /// <summary>Confirms a required high-impact phase the site's high-risk settings ask confirmation for.</summary>
    public bool ConfirmHighRisk { get; init; }
}
