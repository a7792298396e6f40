namespace TsOrchestrator.Bench;

/// <summary>Everything measured for one sequence size.</summary>
internal sealed record SizeFigures
{
    public required SizeWorkload Workload { get; init; }
    public required TimedResult InMemory { get; init; }
    public required TimedResult Serialized { get; init; }
    public required TimedResult RoundTrip { get; init; }

    public GeneratedSequence Generated => Workload.Generated;
    public int Activities => Workload.Activities;
    public TimedResult Compile => Workload.Compile;
    public RunVerification Verification => Workload.Verification;
    public int Transitions => Workload.Transitions;
    public int RunsPerSample => Workload.RunsPerSample;
}
