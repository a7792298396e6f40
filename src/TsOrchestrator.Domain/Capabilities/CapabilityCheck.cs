using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Capabilities;

/// <summary>Which enabled steps of a sequence an agent cannot run: a deployment is not started where there is any.</summary>
public static class CapabilityCheck
{
    /// <summary>
    /// The enabled steps (outside disabled groups) that <paramref name="agent"/> cannot run. A step marked for the other
    /// environment (runIn) is judged by the same platform's profile of that environment, where the device will be by
    /// then. Conditions are not consulted: a step that may run must be runnable. Run Task Sequence runs in the engine;
    /// its child's steps are judged when the child is deployed or validated.
    /// </summary>
    public static IReadOnlyList<UnrunnableStep> StepsThatCannotRun(TaskSequence sequence, CapabilityProfile agent)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(agent);
        var result = new List<UnrunnableStep>();
        var disabledGroups = new List<string>();
        foreach (var (path, node) in NodePath.Walk(sequence.Nodes ?? []))
        {
            if (node.Disabled || disabledGroups.Any(g => path.StartsWith(g + "/", StringComparison.Ordinal)))
            {
                if (node is GroupNode)
                {
                    disabledGroups.Add(path);
                }

                continue;
            }

            if (node is StepNode { Type: { Length: > 0 } type } step && StepCatalog.Find(type) is not null)
            {
                var judge = step.RunIn switch
                {
                    StepRunIn.BootImage => CapabilityProfiles.For(agent.Platform, AgentEnvironment.BootImage) ?? agent,
                    StepRunIn.FullOs => CapabilityProfiles.For(agent.Platform, AgentEnvironment.FullOs) ?? agent,
                    _ => agent,
                };
                if (!judge.CanRun(type))
                {
                    result.Add(new UnrunnableStep(path, step.Name, type, judge.Where));
                }
            }
        }

        return result;
    }
}
