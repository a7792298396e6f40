namespace TsOrchestrator.Bench;

/// <summary>Everything measured for one sequence size.</summary>
internal sealed record SizeFigures
{
    public required GeneratedSequence Generated { get; init; }
    public required int Activities { get; init; }
    public required TimedResult Compile { get; init; }
    public required RunVerification Verification { get; init; }
    public required int Transitions { get; init; }
    public required TimedResult InMemory { get; init; }
    public required TimedResult Serialized { get; init; }
    public required TimedResult RoundTrip { get; init; }

    /// <summary>Runs of the sequence in one measured sample (more than one for small sequences).</summary>
    public required int RunsPerSample { get; init; }
}
