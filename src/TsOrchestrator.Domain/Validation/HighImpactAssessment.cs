namespace TsOrchestrator.Domain.Validation;

/// <summary>Whether a sequence is high-impact, and why.</summary>
/// <param name="Flagged">The sequence's own high-impact flag is set.</param>
/// <param name="Steps">Enabled steps whose type wipes or replaces the operating system, in execution order.</param>
public sealed record HighImpactAssessment(bool Flagged, IReadOnlyList<HighImpactStep> Steps)
{
    /// <summary>Flagged, or high-impact automatically through its steps.</summary>
    public bool IsHighImpact => Flagged || Steps.Count > 0;
}
