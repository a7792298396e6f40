using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>Small builders for validation tests: a valid sequence to start from, steps and groups.</summary>
internal static class Build
{
    public const string SequenceId = "TS100001";

    public static TaskSequence Sequence(params TaskSequenceNode[] nodes) =>
        new() { Id = SequenceId, Name = "Deploy workstation", Nodes = nodes.Length == 0 ? [CommandLine()] : nodes };

    public static StepNode Step(string type, string name = "Step", params (string Name, string Value)[] settings) =>
        new() { Type = type, Name = name, Settings = settings.ToDictionary(static s => s.Name, static s => s.Value, StringComparer.OrdinalIgnoreCase) };

    public static StepNode CommandLine(string name = "Run", string commandLine = "cmd /c exit 0") =>
        Step(StepTypeIds.RunCommandLine, name, ("CommandLine", commandLine));

    public static StepNode RunSequence(string childId, string name = "Run child") =>
        Step(StepTypeIds.RunTaskSequence, name, ("TsPackageID", childId));

    public static GroupNode Group(string name, params TaskSequenceNode[] children) => new() { Name = name, Children = children };

    public static StepNode WithCondition(this StepNode step, Condition condition) => step with { Condition = condition };

    public static VariableCondition Variable(string name, ConditionOperator op = ConditionOperator.Equals, string? value = "x") =>
        new() { Variable = name, Operator = op, Value = value };
}
