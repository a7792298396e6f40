using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Engine.Tests.Support;

/// <summary>Random but seed-determined sequences exercising every engine path (for property tests).</summary>
internal static class RandomSequences
{
    private static readonly string[] StepTypes =
    [
        StepTypeIds.RunCommandLine, StepTypeIds.InstallPackage, StepTypeIds.RestartComputer,
        StepTypeIds.SetTaskSequenceVariable, StepTypeIds.RunShellScript,
    ];

    public static TaskSequence Create(int seed)
    {
        var random = new Random(seed);
        var count = 0;
        return new TaskSequence
        {
            Id = $"RND{seed:X8}",
            Name = $"Random {seed}",
            Variables = new Dictionary<string, string> { ["Seeded"] = random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Nodes = Nodes(random, depth: 0, ref count),
        };
    }

    private static List<TaskSequenceNode> Nodes(Random random, int depth, ref int count)
    {
        var nodes = new List<TaskSequenceNode>();
        var length = random.Next(1, 5);
        for (var i = 0; i < length && count < 40; i++)
        {
            count++;
            var common = (Disabled: random.Next(8) == 0, ContinueOnError: random.Next(3) == 0, Condition: RandomCondition(random));
            if (depth < 3 && random.Next(3) == 0)
            {
                nodes.Add(new GroupNode
                {
                    Name = $"Group {count}",
                    Disabled = common.Disabled,
                    ContinueOnError = common.ContinueOnError,
                    Condition = common.Condition,
                    Children = Nodes(random, depth + 1, ref count),
                });
                continue;
            }

            var type = StepTypes[random.Next(StepTypes.Length)];
            nodes.Add(new StepNode
            {
                Name = $"Step {count}",
                Type = type,
                Disabled = common.Disabled,
                ContinueOnError = common.ContinueOnError,
                Condition = common.Condition,
                TimeoutMinutes = random.Next(4) == 0 ? 10 : null,
                RetryOnUnexpectedRestart = random.Next(3) == 0 ? random.Next(0, 3) : null,
                Settings = type == StepTypeIds.SetTaskSequenceVariable
                    ? new Dictionary<string, string> { ["VariableName"] = $"Var{random.Next(3)}", ["VariableValue"] = random.Next(2) == 0 ? "" : "%Seeded%x" }
                    : new Dictionary<string, string> { ["CommandLine"] = "run %Var1% %Seeded%" },
            });
        }

        return nodes;
    }

    private static Condition? RandomCondition(Random random) => random.Next(6) switch
    {
        0 => new VariableCondition { Variable = $"Var{random.Next(3)}", Operator = ConditionOperator.Exists },
        1 => IfStatement.AnyOf(
            new VariableCondition { Variable = "Seeded", Operator = ConditionOperator.Equals, Value = "1" },
            new VariableCondition { Variable = BuiltInVariablesName, Operator = ConditionOperator.Equals, Value = "false" }),
        2 => new FileCondition { Path = random.Next(2) == 0 ? "/present" : "/absent" },
        _ => null,
    };

    private const string BuiltInVariablesName = "_SMSTSLastActionSucceeded";
}
