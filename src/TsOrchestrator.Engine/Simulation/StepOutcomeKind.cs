namespace TsOrchestrator.Engine.Simulation;

/// <summary>How a simulated step attempt ends.</summary>
public enum StepOutcomeKind
{
    /// <summary>The program exits with <see cref="StepOutcome.ExitCode"/>.</summary>
    ExitCode,

    /// <summary>The device restarts while the step runs (crash, power loss).</summary>
    UnexpectedRestart,

    /// <summary>The step runs past its time-out.</summary>
    Timeout,
}
