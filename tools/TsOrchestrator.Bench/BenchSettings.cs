namespace TsOrchestrator.Bench;

/// <summary>How much work the benchmark does: full by default, a fast smoke run with <c>--quick</c>.</summary>
internal sealed record BenchSettings
{
    public required IReadOnlyList<int> Steps { get; init; }
    public required bool Quick { get; init; }

    /// <summary>Measured runs per workload (the median is reported).</summary>
    public required int Runs { get; init; }

    public required int MinWarmupRuns { get; init; }
    public required TimeSpan WarmupTime { get; init; }
    public required TimeSpan SettleTime { get; init; }

    /// <summary>Transitions a measured sample does at least: small sequences run several times per sample.</summary>
    public required int TransitionsPerSample { get; init; }

    /// <summary>Compilations timed per sequence size.</summary>
    public required int CompileRuns { get; init; }

    /// <summary>Save-and-reload cycles per baseline run: enough to dwarf timer resolution, few enough for the slow variants.</summary>
    public required int BaselineCycles { get; init; }

    public static BenchSettings For(IReadOnlyList<int> steps, bool quick) => quick
        ? new()
        {
            Steps = steps, Quick = true, Runs = 1, MinWarmupRuns = 1, WarmupTime = TimeSpan.Zero,
            SettleTime = TimeSpan.Zero, TransitionsPerSample = 1, CompileRuns = 1, BaselineCycles = 20,
        }
        : new()
        {
            // Warm up for a second at least: tiered compilation promotes hot methods (with dynamic PGO)
            // only after they have run a while; the settle time lets the background JIT install that code.
            Steps = steps, Quick = false, Runs = 9, MinWarmupRuns = 3, WarmupTime = TimeSpan.FromSeconds(1),
            SettleTime = TimeSpan.FromMilliseconds(200), TransitionsPerSample = 20_000, CompileRuns = 5, BaselineCycles = 400,
        };
}
