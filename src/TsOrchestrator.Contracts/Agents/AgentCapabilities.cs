namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// What an agent can run where it is now, reported at registration and every check-in: the server judges
/// deployments by it, so a step the agent would refuse is refused before the run starts.
/// </summary>
public sealed record AgentCapabilities
{
    /// <summary><c>linux</c>, <c>windows</c> or <c>macos</c>.</summary>
    public required string Platform { get; init; }

    /// <summary><c>full-os</c> or <c>boot-image</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>Step type ids the agent runs on the device (steps the engine runs are not listed).</summary>
    public IReadOnlyList<string> StepTypes { get; init; } = [];

    /// <summary>Device-side condition kinds the agent evaluates (<c>file</c>, <c>registry</c>, ...).</summary>
    public IReadOnlyList<string> ConditionKinds { get; init; } = [];
}
