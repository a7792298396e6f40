using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// One unit of work for the agent: run a step, evaluate a condition, or restart. Its id makes the
/// result idempotent: posting it twice changes nothing.
/// </summary>
public sealed record AgentWorkItem
{
    public required string Id { get; init; }

    /// <summary><c>Step</c>, <c>Condition</c> or <c>Restart</c>.</summary>
    public required string Kind { get; init; }

    public required string Path { get; init; }
    public required string Name { get; init; }
    public string? StepType { get; init; }
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<int> SuccessCodes { get; init; } = [0];
    public int? TimeoutMinutes { get; init; }
    public int Attempt { get; init; } = 1;
    public Condition? Condition { get; init; }

    /// <summary>The run's variables the work item may read (the condition's, or the environment for a step).</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>
    /// The names among <see cref="Variables"/> whose values are secret: the agent masks their values wherever the step's
    /// log, message and output variables would show them. Null from servers older than masking.
    /// </summary>
    public IReadOnlyList<string>? SecretVariables { get; init; }
}
