namespace TsOrchestrator.Bench;

/// <summary>One sequence size, compiled and checked, ready to be timed.</summary>
internal sealed record SizeWorkload
{
    public required GeneratedSequence Generated { get; init; }
    public required int Activities { get; init; }
    public required TimedResult Compile { get; init; }
    public required RunDriver Driver { get; init; }
    public required RunVerification Verification { get; init; }
    public required int Transitions { get; init; }

    /// <summary>Steps that ran in the verification run: every timed run must end the same way.</summary>
    public required int StepsRun { get; init; }

    /// <summary>Runs of the sequence in one measured sample (more than one for small sequences).</summary>
    public required int RunsPerSample { get; init; }
}
