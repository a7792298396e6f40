namespace TsOrchestrator.Bench;

/// <summary>Figures of one timed workload: repeated runs after a warm-up, each doing <see cref="UnitsPerRun"/> units.</summary>
internal sealed record TimedResult
{
    public required int Runs { get; init; }

    /// <summary>Transitions (or iterations) one run does.</summary>
    public required int UnitsPerRun { get; init; }

    /// <summary>Seconds of each measured run, in order.</summary>
    public required IReadOnlyList<double> RunSeconds { get; init; }

    /// <summary>Bytes allocated on the measuring thread over all measured runs.</summary>
    public required long AllocatedBytes { get; init; }

    public required int Gen0Collections { get; init; }
    public required int Gen1Collections { get; init; }
    public required int Gen2Collections { get; init; }

    /// <summary>The median run: robust against one run disturbed by the machine.</summary>
    public double MedianSeconds
    {
        get
        {
            var sorted = RunSeconds.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double BestSeconds => RunSeconds.Min();

    public double MicrosPerUnit => MedianSeconds * 1e6 / UnitsPerRun;
    public double BestMicrosPerUnit => BestSeconds * 1e6 / UnitsPerRun;
    public double BytesPerUnit => (double)AllocatedBytes / ((long)Runs * UnitsPerRun);
}
