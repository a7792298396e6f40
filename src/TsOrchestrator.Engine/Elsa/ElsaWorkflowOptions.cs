namespace TsOrchestrator.Engine.Elsa;

/// <summary>The <c>options</c> block of an Elsa workflow definition.</summary>
public sealed record ElsaWorkflowOptions
{
    public bool UsableAsActivity { get; init; }
    public bool AutoUpdateConsumingWorkflows { get; init; }
}
