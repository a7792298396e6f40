using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Simulation;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Support.SequenceBuilder;

namespace TsOrchestrator.Engine.Tests.Running;

/// <summary>TS-SEMANTICS.md §3: if-statements and every variable operator, engine- and device-side.</summary>
public sealed class ConditionTests
{
    [Theory]
    [InlineData(ConditionOperator.Exists, null, true)]
    [InlineData(ConditionOperator.NotExists, null, false)]
    [InlineData(ConditionOperator.Equals, "10", true)]
    [InlineData(ConditionOperator.Equals, "10.0", true)]
    [InlineData(ConditionOperator.NotEquals, "9", true)]
    [InlineData(ConditionOperator.Greater, "9", true)]
    [InlineData(ConditionOperator.Greater, "10", false)]
    [InlineData(ConditionOperator.GreaterEqual, "10", true)]
    [InlineData(ConditionOperator.Less, "100", true)]
    [InlineData(ConditionOperator.Less, "9", false)]
    [InlineData(ConditionOperator.LessEqual, "10", true)]
    [InlineData(ConditionOperator.Like, "1?", true)]
    [InlineData(ConditionOperator.Like, "2*", false)]
    public void Variable_condition_operators_compare_numbers_as_numbers(ConditionOperator op, string? value, bool runs)
    {
        var result = RunGated(When("Count", op, value), ("Count", "10"));

        result.Ran().Contains("Gated").ShouldBe(runs);
    }

    [Theory]
    [InlineData(ConditionOperator.Equals, "WINDOWS", true)]
    [InlineData(ConditionOperator.Like, "win*", true)]
    [InlineData(ConditionOperator.Like, "lin*", false)]
    [InlineData(ConditionOperator.Greater, "Linux", true)]
    [InlineData(ConditionOperator.Less, "Linux", false)]
    public void Equality_like_and_ordering_of_text_are_case_insensitive(ConditionOperator op, string value, bool runs)
    {
        var result = RunGated(When("Os", op, value), ("Os", "Windows"));

        result.Ran().Contains("Gated").ShouldBe(runs);
    }

    [Theory]
    [InlineData(ConditionOperator.Greater, "10.0.9", true)]
    [InlineData(ConditionOperator.Less, "10.0.19045.2", true)]
    [InlineData(ConditionOperator.GreaterEqual, "10.0.19045", true)]
    public void Dotted_versions_compare_as_versions(ConditionOperator op, string value, bool runs)
    {
        var result = RunGated(When("Build", op, value), ("Build", "10.0.19045"));

        result.Ran().Contains("Gated").ShouldBe(runs);
    }

    [Theory]
    [InlineData(ConditionOperator.Equals)]
    [InlineData(ConditionOperator.NotEquals)]
    [InlineData(ConditionOperator.Greater)]
    [InlineData(ConditionOperator.Less)]
    [InlineData(ConditionOperator.Like)]
    public void Missing_variable_is_false_for_every_operator_but_not_exists(ConditionOperator op)
    {
        RunGated(When("Missing", op, "x")).Ran().ShouldNotContain("Gated");
        RunGated(When("Missing", ConditionOperator.NotExists)).Ran().ShouldContain("Gated");
    }

    [Fact]
    public void Variable_names_in_conditions_are_case_insensitive()
    {
        RunGated(When("OSDCOMPUTERNAME", ConditionOperator.Equals, "pc1"), ("OsdComputerName", "PC1")).Ran().ShouldContain("Gated");
    }

    [Theory]
    [InlineData(IfKind.All, false)]
    [InlineData(IfKind.Any, true)]
    [InlineData(IfKind.None, false)]
    public void If_statements_combine_conditions_as_all_any_or_none(IfKind kind, bool runs)
    {
        var condition = new IfStatement
        {
            Kind = kind,
            Conditions = [When("A", ConditionOperator.Exists), When("B", ConditionOperator.Exists)],
        };

        RunGated(condition, ("A", "1")).Ran().Contains("Gated").ShouldBe(runs);
    }

    [Fact]
    public void If_statements_nest_to_any_depth()
    {
        // Any( All(A, None(B)), C ) with A set, B unset, C unset → true
        var condition = IfStatement.AnyOf(
            IfStatement.AllOf(When("A", ConditionOperator.Exists), IfStatement.NoneOf(IfStatement.AllOf(When("B", ConditionOperator.Exists)))),
            When("C", ConditionOperator.Exists));

        RunGated(condition, ("A", "1")).Ran().ShouldContain("Gated");
        RunGated(condition, ("A", "1"), ("B", "1")).Ran().ShouldNotContain("Gated");
    }

    [Fact]
    public void Device_condition_is_sent_to_the_agent_as_a_condition_work_item()
    {
        var condition = IfStatement.AllOf(
            When("Enabled", ConditionOperator.Equals, "yes"),
            new FileCondition { Path = @"%SystemDrive%\marker.txt" });
        var sequence = Sequence(s => s.Step("Gated", x => x with { Condition = condition }));

        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");
        var transition = engine.Apply(state, new StartRun { Variables = new Dictionary<string, string> { ["Enabled"] = "yes", ["SystemDrive"] = "C:" } });

        var item = transition.Commands.OfType<DispatchWorkItem>().Single().WorkItem;
        item.Kind.ShouldBe(WorkItemKind.Condition);
        item.Condition.ShouldBe(condition);
        item.Variables!.Keys.ShouldBe(["Enabled", "SystemDrive"], ignoreOrder: true);

        var next = engine.Apply(state, new ConditionEvaluated { WorkItemId = item.Id, Result = true });
        next.Commands.OfType<DispatchWorkItem>().Single().WorkItem.Kind.ShouldBe(WorkItemKind.Step);
    }

    [Fact]
    public void Condition_that_variables_already_decide_is_not_sent_to_the_agent()
    {
        var condition = IfStatement.AllOf(When("Enabled", ConditionOperator.Equals, "yes"), new FolderCondition { Path = "/opt/app" });
        var result = Sim.Run(Sequence(s => s.Step("Gated", x => x with { Condition = condition })));

        result.WorkItems.ShouldBeEmpty();
        result.Trace().ShouldBe(["Gated:Skipped"]);
    }

    [Fact]
    public void Device_conditions_are_evaluated_against_the_device_facts()
    {
        var sequence = Sequence(s => s
            .Step("Has file", x => x with { Condition = new FileCondition { Path = "/etc/marker" } })
            .Step("Has folder", x => x with { Condition = new FolderCondition { Path = "/missing" } })
            .Step("Is Linux", x => x with { Condition = new OsVersionCondition { Platform = "linux", Operator = ConditionOperator.GreaterEqual, Version = "6.1" } })
            .Step("Has product", x => x with { Condition = new InstalledSoftwareCondition { ProductName = "Agent", AnyVersion = true } }));
        var scenario = new SimulationScenario
        {
            Facts = new DeviceFacts { Os = "linux", OsVersion = "6.1.0", Files = ["/etc/marker"], InstalledSoftware = ["Agent"] },
        };

        var result = Simulator.Run(sequence, scenario);

        result.Trace().ShouldBe(["Has file:Succeeded", "Has folder:Skipped", "Is Linux:Succeeded", "Has product:Succeeded"]);
    }

    [Fact]
    public void Condition_the_device_cannot_evaluate_fails_the_node()
    {
        var sequence = Sequence(s => s.Step("Gated", x => x with { Condition = new WmiQueryCondition { Query = "SELECT * FROM Nope" } }));
        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");
        var item = engine.Apply(state, new StartRun()).Commands.OfType<DispatchWorkItem>().Single().WorkItem;

        var transition = engine.Apply(state, new ConditionEvaluated { WorkItemId = item.Id, Error = "invalid query" });

        transition.Records.Single().Reason.ShouldBe("condition-error: invalid query");
        state.Status.ShouldBe(RunStatus.Failed);
    }

    private static SimulationResult RunGated(Condition condition, params (string Name, string Value)[] variables)
    {
        var sequence = Sequence(s => s.Step("Gated", x => x with { Condition = condition }));
        return Sim.Run(sequence, variables.ToDictionary(v => v.Name, v => v.Value), null);
    }
}
