namespace TsOrchestrator.Engine.Simulation;

/// <summary>What one attempt of a simulated step does.</summary>
public sealed record StepOutcome
{
    public StepOutcomeKind Kind { get; init; } = StepOutcomeKind.ExitCode;
    public int ExitCode { get; init; }

    /// <summary>Variables the step sets on the device (e.g. <c>SMSTSRebootRequested</c>).</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    public static StepOutcome Exit(int code) => new() { ExitCode = code };
}
