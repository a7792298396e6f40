namespace TsOrchestrator.Domain.Sequences;

/// <summary>The Performance tab.</summary>
public sealed record PerformanceProperties
{
    /// <summary>Switch to the high-performance power plan while running; on for new sequences.</summary>
    public bool UseHighPerformancePowerPlan { get; init; } = true;
}
