using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Engine.Tests.Support;

/// <summary>Arranges task sequences as readable trees: <c>s.Group("Try", g => g.Step("A"))</c>.</summary>
internal sealed class SequenceBuilder
{
    private readonly List<TaskSequenceNode> _nodes = [];

    public static TaskSequence Sequence(Action<SequenceBuilder> build, string id = "TST00001", string name = "Test sequence")
    {
        var builder = new SequenceBuilder();
        build(builder);
        return new TaskSequence { Id = id, Name = name, Nodes = builder._nodes };
    }

    public SequenceBuilder Step(string name, Func<StepNode, StepNode>? configure = null, string type = StepTypeIds.RunCommandLine)
    {
        var step = new StepNode
        {
            Name = name,
            Type = type,
            Settings = type == StepTypeIds.RunCommandLine ? new Dictionary<string, string> { ["CommandLine"] = $"run {name}" } : new Dictionary<string, string>(),
        };
        _nodes.Add(configure is null ? step : configure(step));
        return this;
    }

    public SequenceBuilder Group(string name, Action<SequenceBuilder> children, Func<GroupNode, GroupNode>? configure = null)
    {
        var inner = new SequenceBuilder();
        children(inner);
        var group = new GroupNode { Name = name, Children = inner._nodes };
        _nodes.Add(configure is null ? group : configure(group));
        return this;
    }

    public SequenceBuilder SetVariable(string name, string variable, string value, Func<StepNode, StepNode>? configure = null) =>
        Step(name, s => (configure ?? (x => x))(s with
        {
            Settings = new Dictionary<string, string> { ["VariableName"] = variable, ["VariableValue"] = value },
        }), StepTypeIds.SetTaskSequenceVariable);

    public SequenceBuilder Restart(string name) => Step(name, type: StepTypeIds.RestartComputer);

    public SequenceBuilder RunChild(string name, string childId, Func<StepNode, StepNode>? configure = null) =>
        Step(name, s => (configure ?? (x => x))(s with { Settings = new Dictionary<string, string> { ["TsPackageID"] = childId } }),
            StepTypeIds.RunTaskSequence);

    public static Condition When(string variable, ConditionOperator op, string? value = null) =>
        new VariableCondition { Variable = variable, Operator = op, Value = value };
}
