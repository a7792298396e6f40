namespace TsOrchestrator.Engine.Running;

/// <summary>Starts a run with the variables that apply to it (collection, device, built-ins), in precedence order.</summary>
public sealed record StartRun : RunEvent
{
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}
