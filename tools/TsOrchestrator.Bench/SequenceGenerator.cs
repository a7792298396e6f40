using System.Globalization;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Bench;

/// <summary>
/// Builds a large, deterministic task sequence that exercises every branch of the engine's hot path:
/// nested groups, variable conditions (true and false), disabled nodes, failures that continue on
/// error and failures contained by a continue-on-error group. Every failure is contained, so a run
/// driven with <see cref="GeneratedSequence.ExitCodes"/> ends Succeeded.
/// </summary>
internal sealed class SequenceGenerator
{
    /// <summary>Groups nest at most this deep below the root.</summary>
    private const int MaxGroupDepth = 4;

    private readonly Random _random;
    private readonly Dictionary<string, int> _exitCodes = new(StringComparer.Ordinal);
    private int _steps;
    private int _groups;
    private int _maxDepth;
    private int _conditions;
    private int _falseConditions;
    private int _disabled;
    private int _failingContinueOnError;
    private int _containedGroups;
    private int _setVariables;

    private SequenceGenerator(int seed)
    {
        // A fixed seed: the same sequence (and so the same figures' workload) on every run.
#pragma warning disable CA5394 // not security: a reproducible workload generator
        _random = new Random(seed);
#pragma warning restore CA5394
    }

    /// <summary>Variables every generated condition reads; seeded by the sequence itself (globalVarList).</summary>
    public static IReadOnlyDictionary<string, string> SeedVariables { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Bench_Flag"] = "on",
        ["Bench_Model"] = "Latitude 7440",
        ["Bench_Count"] = "5",
        ["Bench_Version"] = "10.0.22631",
        ["Bench_Share"] = @"\\server\deploy$",
    };

    public static GeneratedSequence Generate(int steps, int seed = 20_261_101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 10);
        var generator = new SequenceGenerator(seed);

        // The root is not a group: spread the steps over a few top-level groups (about 200 steps each).
        var rootChildren = Math.Clamp(steps / 200, 5, 60);
        var nodes = generator.Children("", depth: 0, steps, rootChildren, contained: false);
        var sequence = new TaskSequence
        {
            Id = "BEN" + steps.ToString("D5", CultureInfo.InvariantCulture),
            Name = $"Benchmark {steps} steps",
            Variables = SeedVariables,
            Nodes = nodes,
        };

        return new GeneratedSequence
        {
            Sequence = sequence,
            ExitCodes = generator._exitCodes,
            Steps = generator._steps,
            Groups = generator._groups,
            MaxDepth = generator._maxDepth,
            Conditions = generator._conditions,
            FalseConditions = generator._falseConditions,
            Disabled = generator._disabled,
            FailingContinueOnErrorSteps = generator._failingContinueOnError,
            ContainedGroups = generator._containedGroups,
            SetVariableSteps = generator._setVariables,
        };
    }

#pragma warning disable CA5394 // not security: a reproducible workload generator
    private bool Chance(double probability) => _random.NextDouble() < probability;

    private int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);
#pragma warning restore CA5394

    /// <summary>
    /// The children of one group holding exactly <paramref name="budget"/> steps in its subtree.
    /// <paramref name="failAt"/> is the position of a failing step that only the enclosing
    /// continue-on-error group stops from failing the run (-1 for none).
    /// </summary>
    private List<TaskSequenceNode> Children(string path, int depth, int budget, int childCount, bool contained, int failAt = -1)
    {
        _maxDepth = Math.Max(_maxDepth, depth);
        if (depth >= MaxGroupDepth || budget <= 20)
        {
            return Leaves(path, budget, contained, failAt);
        }

        // Some children are groups sharing most of the budget, the others are single steps.
        childCount = Math.Min(childCount, budget);
        var groupCount = Math.Clamp(Between(2, Math.Max(2, childCount / 2)), 1, childCount - 1);
        var directSteps = childCount - groupCount;
        var groupBudgets = Share(budget - directSteps, groupCount);

        var isGroup = new bool[childCount];
        for (var placed = 0; placed < groupCount;)
        {
            var slot = Between(0, childCount - 1);
            if (!isGroup[slot] && slot != failAt)
            {
                isGroup[slot] = true;
                placed++;
            }
        }

        var nodes = new List<TaskSequenceNode>(childCount);
        var nextGroup = 0;
        for (var i = 0; i < childCount; i++)
        {
            var childPath = NodePath.Child(path, i);
            nodes.Add(isGroup[i]
                ? Group(childPath, depth + 1, groupBudgets[nextGroup++], contained)
                : Step(childPath, contained, fails: i == failAt));
        }

        return nodes;
    }

    private List<TaskSequenceNode> Leaves(string path, int count, bool contained, int failAt)
    {
        var nodes = new List<TaskSequenceNode>(count);
        for (var i = 0; i < count; i++)
        {
            nodes.Add(Step(NodePath.Child(path, i), contained, fails: i == failAt));
        }

        return nodes;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> random shares of at least one.</summary>
    private int[] Share(int total, int parts)
    {
        var shares = new int[parts];
        Array.Fill(shares, 1);
        for (var left = total - parts; left > 0; left--)
        {
            shares[Between(0, parts - 1)]++;
        }

        return shares;
    }

    private GroupNode Group(string path, int depth, int budget, bool contained)
    {
        _groups++;
        var childCount = budget <= 20 ? budget : Between(5, 20);

        // A continue-on-error group gets one failing step in its last third: the group ends early and the run goes on.
        var continueOnError = budget >= 3 && Chance(0.10);
        var failAt = -1;
        if (continueOnError)
        {
            _containedGroups++;
            failAt = Between(childCount - Math.Max(1, childCount / 3), childCount - 1);
        }

        // Disabling a big group would hide most of the workload: only small groups are disabled.
        var disabled = budget <= 20 && Chance(0.03);
        if (disabled)
        {
            _disabled++;
        }

        return new GroupNode
        {
            Name = $"Group {_groups}",
            Disabled = disabled,
            ContinueOnError = continueOnError,
            Condition = Chance(0.12) ? NextCondition(holds: Chance(0.75)) : null,
            Children = Children(path, depth, budget, childCount, contained || continueOnError, failAt),
        };
    }

    private StepNode Step(string path, bool contained, bool fails)
    {
        var number = ++_steps;
        if (!fails && Chance(0.02))
        {
            _setVariables++;
            _exitCodes[path] = 0;
            return new StepNode
            {
                Name = $"Set phase {number}",
                Type = StepTypeIds.SetTaskSequenceVariable,
                Condition = Chance(0.10) ? NextCondition(holds: Chance(0.7)) : null,
                Settings = new Dictionary<string, string>
                {
                    // A few names only: variables set along the run stay a bounded set, so the state does not grow.
                    ["VariableName"] = "Bench_Phase" + (number % 4).ToString(CultureInfo.InvariantCulture),
                    ["VariableValue"] = $"phase {number % 10} on %Bench_Model%",
                },
            };
        }

        // An uncontained failure would fail the run: only fail where a continue-on-error absorbs it.
        var continueOnError = !fails && Chance(0.03);
        if (continueOnError)
        {
            _failingContinueOnError++;
        }

        var disabled = !fails && Chance(0.03);
        if (disabled)
        {
            _disabled++;
        }

        if (fails && !contained)
        {
            throw new InvalidOperationException($"step {path} would fail outside any continue-on-error group");
        }

        _exitCodes[path] = fails || continueOnError ? 1 : 0;
        var settings = new Dictionary<string, string>
        {
            ["CommandLine"] = Chance(0.3)
                ? $"cmd.exe /c install.cmd /model:\"%Bench_Model%\" /step:{number}"
                : $"cmd.exe /c install.cmd /step:{number}",
        };
        if (Chance(0.2))
        {
            settings["WorkingDirectory"] = @"%Bench_Share%\apps";
        }

        return new StepNode
        {
            Name = $"Step {number}",
            Type = StepTypeIds.RunCommandLine,
            Disabled = disabled,
            ContinueOnError = continueOnError,
            Condition = !fails && Chance(0.10) ? NextCondition(holds: Chance(0.7)) : null,
            TimeoutMinutes = Chance(0.05) ? 30 : null,
            Settings = settings,
        };
    }

    /// <summary>A condition over the seeded variables, evaluated by the engine, that holds or not as asked.</summary>
    private Condition NextCondition(bool holds)
    {
        _conditions++;
        if (!holds)
        {
            _falseConditions++;
        }

        return (holds, Between(0, 3)) switch
        {
            (true, 0) => Variable("Bench_Flag", ConditionOperator.Equals, "on"),
            (true, 1) => Variable("Bench_Model", ConditionOperator.Like, "Latitude*"),
            (true, 2) => Variable("Bench_Count", ConditionOperator.Greater, "3"),
            (true, _) => IfStatement.AnyOf(
                Variable("Bench_Flag", ConditionOperator.Equals, "off"),
                Variable("Bench_Version", ConditionOperator.GreaterEqual, "10.0.19045")),
            (false, 0) => Variable("Bench_Flag", ConditionOperator.Equals, "off"),
            (false, 1) => Variable("Bench_Missing", ConditionOperator.Exists, null),
            (false, 2) => Variable("Bench_Model", ConditionOperator.Like, "Optiplex*"),
            (false, _) => IfStatement.AllOf(
                Variable("Bench_Flag", ConditionOperator.Equals, "on"),
                Variable("Bench_Count", ConditionOperator.Less, "2")),
        };
    }

    private static VariableCondition Variable(string name, ConditionOperator op, string? value) =>
        new() { Variable = name, Operator = op, Value = value };
}
