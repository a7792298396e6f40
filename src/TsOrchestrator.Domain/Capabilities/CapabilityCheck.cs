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
        foreach (var (path, node) in EnabledNodes(sequence))
        {
            if (node is StepNode { Type: { Length: > 0 } type } step && StepCatalog.Find(type) is not null)
            {
                var judge = ProfileForStep(agent, step.RunIn);
                if (!judge.CanRun(type))
                {
                    result.Add(new UnrunnableStep(path, step.Name, type, judge.Where));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The nodes that can run, with their paths: disabled nodes, and everything inside a disabled group, are left out.
    /// Validation and the deployment check walk the same nodes, so they never disagree about what would run.
    /// </summary>
    public static IEnumerable<(string Path, TaskSequenceNode Node)> EnabledNodes(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
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

            yield return (path, node);
        }
    }

    /// <summary>A step marked for the other environment (ConfigMgr's runIn) is judged by that environment's agent of the same platform.</summary>
    public static CapabilityProfile ProfileForStep(CapabilityProfile agent, StepRunIn runIn)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return runIn switch
        {
            StepRunIn.BootImage => CapabilityProfiles.For(agent.Platform, AgentEnvironment.BootImage) ?? agent,
            StepRunIn.FullOs => CapabilityProfiles.For(agent.Platform, AgentEnvironment.FullOs) ?? agent,
            _ => agent,
        };
    }
}
