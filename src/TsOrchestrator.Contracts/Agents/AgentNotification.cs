namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// The fast channel's answer: what the server has for the device since its last poll. Empty when the wait ran out
/// with nothing to say; otherwise the device checks in at once (and, for <see cref="RunIds"/>, looks at those runs).
/// </summary>
public sealed record AgentNotification
{
    /// <summary>Why the device should check in now (<see cref="AgentNotificationReasons"/>), each once.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Runs of the device an operator cancelled or resumed: the agent acts on them without waiting for its watch interval.</summary>
    public IReadOnlyList<string> RunIds { get; init; } = [];
}
