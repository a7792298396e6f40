using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Warns per step (and per device-side condition) that no agent of a profile can run it, with the words that agent
/// would fail it with, so a sequence learns at validation what would otherwise fail on the device.
/// </summary>
internal static class CapabilityRules
{
    public static void Validate(TaskSequence sequence, IReadOnlyList<CapabilityProfile>? profiles, ProblemCollector problems)
    {
        var advanced = sequence.Advanced ?? new AdvancedProperties();
        // Without named profiles, a sequence limited to platforms is judged by those platforms' agents; one that runs
        // anywhere is warned only about what no agent at all can run, since any one platform may be the one meant.
        var judged = profiles ?? (advanced.RunOnAnyPlatform ? null
            : [.. (advanced.Platforms ?? []).Select(p => CapabilityProfiles.For(p.Os, AgentEnvironment.FullOs)).OfType<CapabilityProfile>().Distinct()]);
        foreach (var (path, node) in CapabilityCheck.EnabledNodes(sequence))
        {
            if (node is StepNode { Type: { Length: > 0 } type } step && StepCatalog.Find(type) is not null)
            {
                CheckStep(path, step, type, judged, problems);
            }

            if (node.Condition is { } condition)
            {
                CheckCondition(path, node, ConditionKinds.In(condition), judged, problems);
            }
        }
    }

    private static void CheckStep(string path, StepNode step, string type, IReadOnlyList<CapabilityProfile>? judged, ProblemCollector problems)
    {
        if (judged is null)
        {
            if (!CapabilityProfiles.All.Any(p => p.CanRun(type)))
            {
                problems.Warning(path, "type", $"'{step.Name}' at {path}: no agent on any platform runs {StepCatalog.Get(type).DisplayName} ({type}); it would fail on every device");
            }

            return;
        }

        foreach (var profile in judged.Select(p => CapabilityCheck.ProfileForStep(p, step.RunIn)).Distinct())
        {
            if (!profile.CanRun(type))
            {
                problems.Warning(path, "type", $"'{step.Name}' at {path}: {profile.Refusal(type)}");
            }
        }
    }

    private static void CheckCondition(string path, TaskSequenceNode node, IReadOnlyList<string> kinds, IReadOnlyList<CapabilityProfile>? judged, ProblemCollector problems)
    {
        foreach (var kind in kinds)
        {
            if (judged is null)
            {
                if (!CapabilityProfiles.All.Any(p => p.CanEvaluate(kind)))
                {
                    problems.Warning(path, "condition", $"'{node.Name}' at {path}: no agent on any platform evaluates {kind} conditions");
                }

                continue;
            }

            foreach (var profile in judged.Where(p => !p.CanEvaluate(kind)))
            {
                problems.Warning(path, "condition", $"'{node.Name}' at {path}: {profile.ConditionRefusal(kind)}");
            }
        }
    }
}
