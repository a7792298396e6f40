namespace TsOrchestrator.Domain.Capabilities;

/// <summary>A step of a sequence that an agent cannot run, with the words that agent fails it with.</summary>
/// <param name="Path">The step's node path (<c>3/1</c>).</param>
/// <param name="StepName">The step's own name.</param>
/// <param name="StepType">The step's type id.</param>
/// <param name="Where">The agent's platform and environment (<c>linux full-os</c>).</param>
public sealed record UnrunnableStep(string Path, string StepName, string StepType, string Where)
{
    /// <summary>As a deployment's device status says it: <c>Format and Partition Disk (step 3/1) on linux full-os</c>.</summary>
    public override string ToString() => $"{Catalog.StepCatalog.Find(StepType)?.DisplayName ?? StepType} (step {Path}) on {Where}";
}
