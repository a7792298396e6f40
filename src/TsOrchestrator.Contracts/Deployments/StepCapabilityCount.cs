namespace TsOrchestrator.Contracts.Deployments;

/// <summary>One step of a deployed sequence and how many of the collection's devices cannot run it.</summary>
public sealed record StepCapabilityCount
{
    /// <summary>The step's node path (<c>3/1</c>).</summary>
    public required string Path { get; init; }

    public required string StepName { get; init; }

    public required string StepType { get; init; }

    public int Devices { get; init; }
}
