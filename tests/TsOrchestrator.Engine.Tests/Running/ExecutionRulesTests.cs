using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Support.SequenceBuilder;

namespace TsOrchestrator.Engine.Tests.Running;

/// <summary>TS-SEMANTICS.md §2, rules 1–9: order, disabled, conditions, success, last action, failure.</summary>
public sealed class ExecutionRulesTests
{
    [Fact]
    public void Nodes_run_depth_first_in_order()
    {
        var sequence = Sequence(s => s
            .Step("A")
            .Group("G", g => g.Step("B").Group("H", h => h.Step("C")).Step("D"))
            .Step("E"));

        var result = Sim.Run(sequence);

        result.Status.ShouldBe(RunStatus.Succeeded);
        result.Ran().ShouldBe(["A", "B", "C", "D", "E"]);
        result.History.Select(r => r.Path).ShouldBe(["0", "1/0", "1/1/0", "1/2", "2"]);
    }

    [Fact]
    public void Disabled_step_is_skipped_and_leaves_last_action_variables_unchanged()
    {
        var sequence = Sequence(s => s.Step("A").Step("Off", x => x with { Disabled = true }));

        var result = Sim.Run(sequence, ("A", 0));

        result.Trace().ShouldBe(["A:Succeeded", "Off:Skipped"]);
        result.History[1].Reason.ShouldBe(ActivityReasons.Disabled);
        result.Variables[BuiltInVariables.LastActionName].ShouldBe("A");
    }

    [Fact]
    public void Disabled_group_skips_its_whole_subtree()
    {
        var sequence = Sequence(s => s
            .Group("Off", g => g.Step("B").Group("Inner", h => h.Step("C")), g => g with { Disabled = true })
            .Step("D"));

        var result = Sim.Run(sequence);

        result.Trace().ShouldBe(["Off:Skipped", "D:Succeeded"]);
    }

    [Fact]
    public void False_condition_skips_the_node()
    {
        var sequence = Sequence(s => s.Step("A", x => x with { Condition = When("Missing", ConditionOperator.Exists) }).Step("B"));

        var result = Sim.Run(sequence);

        result.Trace().ShouldBe(["A:Skipped", "B:Succeeded"]);
        result.History[0].Reason.ShouldBe(ActivityReasons.Condition);
    }

    [Fact]
    public void False_condition_on_group_skips_its_whole_subtree()
    {
        var sequence = Sequence(s => s
            .Group("G", g => g.Step("B").Step("C"), g => g with { Condition = When("Flag", ConditionOperator.Equals, "yes") })
            .Step("D"));

        var result = Sim.Run(sequence);

        result.Trace().ShouldBe(["G:Skipped", "D:Succeeded"]);
    }

    [Fact]
    public void Condition_is_evaluated_immediately_before_the_node_against_variables_of_that_moment()
    {
        var sequence = Sequence(s => s
            .Step("Before", x => x with { Condition = When("Flag", ConditionOperator.Equals, "on") })
            .SetVariable("Set flag", "Flag", "on")
            .Step("After", x => x with { Condition = When("Flag", ConditionOperator.Equals, "on") }));

        var result = Sim.Run(sequence);

        result.Trace().ShouldBe(["Before:Skipped", "Set flag:Succeeded", "After:Succeeded"]);
    }

    [Fact]
    public void Step_succeeds_when_its_exit_code_is_among_its_success_codes()
    {
        var sequence = Sequence(s => s
            .Step("Custom codes", x => x with { SuccessCodes = [0, 5] })
            .Step("Default codes"));

        var result = Sim.Run(sequence, ("Custom codes", 5), ("Default codes", 3010));

        result.Trace().ShouldBe(["Custom codes:Succeeded", "Default codes:Succeeded"]);
    }

    [Fact]
    public void Step_fails_when_its_exit_code_is_not_a_success_code()
    {
        var sequence = Sequence(s => s.Step("Strict", x => x with { SuccessCodes = [0] }));

        var result = Sim.Run(sequence, ("Strict", 3010));

        result.Status.ShouldBe(RunStatus.Failed);
        result.History[0].ExitCode.ShouldBe(3010);
    }

    [Fact]
    public void Last_action_variables_describe_the_last_step_that_ran()
    {
        var sequence = Sequence(s => s.Step("Fails", x => x with { ContinueOnError = true }));

        var result = Sim.Run(sequence, ("Fails", 42));

        result.Variables[BuiltInVariables.LastActionName].ShouldBe("Fails");
        result.Variables[BuiltInVariables.LastActionRetCode].ShouldBe("42");
        result.Variables[BuiltInVariables.LastActionSucceeded].ShouldBe("false");
        result.Variables[BuiltInVariables.CurrentActionName].ShouldBe("Fails");
    }

    [Fact]
    public void Failing_step_with_continue_on_error_is_recorded_and_execution_goes_on()
    {
        var sequence = Sequence(s => s.Step("Fails", x => x with { ContinueOnError = true }).Step("Next"));

        var result = Sim.Run(sequence, ("Fails", 1));

        result.Trace().ShouldBe(["Fails:Failed", "Next:Succeeded"]);
        result.Status.ShouldBe(RunStatus.Succeeded);
    }

    [Fact]
    public void Failing_step_without_continue_on_error_ends_its_group_at_once()
    {
        var sequence = Sequence(s => s
            .Group("G", g => g.Step("Fails").Step("Never"), g => g with { ContinueOnError = true })
            .Step("After group"));

        var result = Sim.Run(sequence, ("Fails", 1));

        result.Trace().ShouldBe(["Fails:Failed", "After group:Succeeded"]);
        result.Status.ShouldBe(RunStatus.Succeeded);
    }

    [Fact]
    public void Failure_propagates_through_groups_without_continue_on_error_and_fails_the_run()
    {
        var sequence = Sequence(s => s
            .Group("Outer", o => o.Group("Inner", i => i.Step("Fails").Step("Never")).Step("Never either"))
            .Step("Not after"));

        var result = Sim.Run(sequence, ("Fails", 1));

        result.Trace().ShouldBe(["Fails:Failed"]);
        result.Status.ShouldBe(RunStatus.Failed);
        result.FinalState.FailedPath.ShouldBe("0/0/0");
    }

    [Fact]
    public void Failure_stops_at_the_nearest_enclosing_group_with_continue_on_error()
    {
        var sequence = Sequence(s => s
            .Group("Outer", o => o
                .Group("Middle", m => m.Group("Inner", i => i.Step("Fails").Step("Never")).Step("Never either"),
                    m => m with { ContinueOnError = true })
                .Step("Runs after middle"))
            .Step("Last"));

        var result = Sim.Run(sequence, ("Fails", 1));

        result.Trace().ShouldBe(["Fails:Failed", "Runs after middle:Succeeded", "Last:Succeeded"]);
        result.Status.ShouldBe(RunStatus.Succeeded);
    }

    [Fact]
    public void Try_group_failure_runs_catch_group_conditioned_on_last_action_failed()
    {
        var sequence = Sequence(s => s
            .Group("Try", t => t.Step("Risky").Step("Skipped by failure"), g => g with { ContinueOnError = true })
            .Group("Catch", c => c.Step("Collect logs"),
                g => g with { Condition = When(BuiltInVariables.LastActionSucceeded, ConditionOperator.Equals, "false") })
            .Step("Finally"));

        var result = Sim.Run(sequence, ("Risky", 1));

        result.Trace().ShouldBe(["Risky:Failed", "Collect logs:Succeeded", "Finally:Succeeded"]);
        result.Status.ShouldBe(RunStatus.Succeeded);
    }

    [Fact]
    public void Catch_group_is_skipped_when_the_try_group_succeeded()
    {
        var sequence = Sequence(s => s
            .Group("Try", t => t.Step("Risky"), g => g with { ContinueOnError = true })
            .Group("Catch", c => c.Step("Collect logs"),
                g => g with { Condition = When(BuiltInVariables.LastActionSucceeded, ConditionOperator.Equals, "false") }));

        var result = Sim.Run(sequence);

        result.Trace().ShouldBe(["Risky:Succeeded", "Catch:Skipped"]);
    }

    [Fact]
    public void Run_that_reaches_the_end_succeeds_and_counts_contained_failures()
    {
        var sequence = Sequence(s => s
            .Step("Fails 1", x => x with { ContinueOnError = true })
            .Group("G", g => g.Step("Fails 2"), g => g with { ContinueOnError = true })
            .Step("Ok"));

        var result = Sim.Run(sequence, ("Fails 1", 1), ("Fails 2", 1));

        result.Status.ShouldBe(RunStatus.Succeeded);
        result.FinalState.StepsFailed.ShouldBe(2);
        result.FinalState.StepsRun.ShouldBe(3);
    }

    [Fact]
    public void Empty_sequence_succeeds_at_once()
    {
        var result = Sim.Run(Sequence(_ => { }));

        result.Status.ShouldBe(RunStatus.Succeeded);
        result.History.ShouldBeEmpty();
    }

    [Fact]
    public void Empty_group_is_entered_and_left()
    {
        var result = Sim.Run(Sequence(s => s.Group("Empty", _ => { }).Step("A")));

        result.Trace().ShouldBe(["A:Succeeded"]);
    }
}
