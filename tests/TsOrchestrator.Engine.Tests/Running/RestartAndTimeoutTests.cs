using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Simulation;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Support.SequenceBuilder;

namespace TsOrchestrator.Engine.Tests.Running;

/// <summary>TS-SEMANTICS.md §2, rules 10–13: time-outs, restarts and unexpected restarts.</summary>
public sealed class RestartAndTimeoutTests
{
    [Fact]
    public void Step_that_runs_past_its_time_out_fails_with_a_time_out_exit_code()
    {
        var sequence = Sequence(s => s.Step("Slow", x => x with { TimeoutMinutes = 5 }).Step("Never"));

        var result = Sim.Run(sequence, ("Slow", "timeout"));

        result.Status.ShouldBe(RunStatus.Failed);
        result.History.Single().ExitCode.ShouldBe(ExitCodes.TimedOut);
        result.History.Single().Reason.ShouldBe(ActivityReasons.TimeOut);
    }

    [Fact]
    public void Timed_out_step_with_continue_on_error_goes_on()
    {
        var sequence = Sequence(s => s.Step("Slow", x => x with { TimeoutMinutes = 5, ContinueOnError = true }).Step("Next"));

        Sim.Run(sequence, ("Slow", "timeout")).Trace().ShouldBe(["Slow:Failed", "Next:Succeeded"]);
    }

    [Fact]
    public void Dispatching_a_step_with_a_time_out_schedules_the_time_out_and_a_late_time_out_changes_nothing()
    {
        var sequence = Sequence(s => s.Step("Slow", x => x with { TimeoutMinutes = 7 }).Step("Next"));
        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");

        var start = engine.Apply(state, new StartRun());
        var item = start.Commands.OfType<DispatchWorkItem>().Single().WorkItem;
        start.Commands.OfType<ScheduleStepTimeout>().Single().ShouldBe(new ScheduleStepTimeout(item.Id, TimeSpan.FromMinutes(7)));

        engine.Apply(state, new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 0 });
        engine.Apply(state, new StepTimedOut { WorkItemId = item.Id }).Accepted.ShouldBeFalse();
    }

    [Fact]
    public void Restart_computer_step_succeeds_and_the_run_continues_at_the_next_node()
    {
        var sequence = Sequence(s => s.Restart("Restart in WinPE").Step("After restart"));

        var result = Sim.Run(sequence);

        result.Trace().ShouldBe(["Restart in WinPE:Succeeded", "After restart:Succeeded"]);
        result.WorkItems[0].Kind.ShouldBe(WorkItemKind.Restart);
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void Device_back_from_a_restart_sets_SMSTSInWinPE_to_the_environment_it_came_back_in(bool inBootMedia, string expected)
    {
        var sequence = Sequence(s => s.Restart("Restart").Step("After restart"));
        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");
        state.Variables.Set(BuiltInVariables.InWinPE, inBootMedia ? "false" : "true");
        var restart = engine.Apply(state, new StartRun()).Commands.OfType<DispatchWorkItem>().Single().WorkItem;

        var back = engine.Apply(state, new DeviceRestarted { Expected = true, WorkItemId = restart.Id, InBootMedia = inBootMedia });

        back.Accepted.ShouldBeTrue();
        state.Variables[BuiltInVariables.InWinPE].ShouldBe(expected);
    }

    [Theory]
    [InlineData(StepTypeIds.InstallPackage)]
    [InlineData(StepTypeIds.InstallApplication)]
    [InlineData(StepTypeIds.InstallSoftwareUpdates)]
    public void Install_step_exiting_3010_succeeds_restarts_the_device_and_continues_at_the_next_node(string type)
    {
        var sequence = Sequence(s => s.Step("Install", type: type).Step("Next"));

        var result = Sim.Run(sequence, ("Install", 3010));

        result.Trace().ShouldBe(["Install:Succeeded", "Next:Succeeded"]);
        result.WorkItems.Select(w => w.Kind).ShouldBe([WorkItemKind.Step, WorkItemKind.Restart, WorkItemKind.Step]);
    }

    [Fact]
    public void Run_command_line_exiting_3010_succeeds_without_a_restart()
    {
        var result = Sim.Run(Sequence(s => s.Step("Command").Step("Next")), ("Command", 3010));

        result.Trace().ShouldBe(["Command:Succeeded", "Next:Succeeded"]);
        result.WorkItems.ShouldAllBe(w => w.Kind == WorkItemKind.Step);
    }

    [Fact]
    public void Step_setting_reboot_requested_restarts_the_device_after_it()
    {
        var reboot = new StepOutcome { Variables = new Dictionary<string, string> { ["SMSTSRebootRequested"] = "true" } };
        var result = Sim.Run(Sequence(s => s.Step("Script").Step("Next")), ("Script", reboot));

        result.WorkItems.Select(w => w.Kind).ShouldBe([WorkItemKind.Step, WorkItemKind.Restart, WorkItemKind.Step]);
        result.Trace().ShouldBe(["Script:Succeeded", "Next:Succeeded"]);
        result.Variables.ContainsKey("SMSTSRebootRequested").ShouldBeFalse();
    }

    [Fact]
    public void Step_setting_reboot_and_retry_requested_runs_again_after_the_restart()
    {
        var rebootAndRetry = new StepOutcome
        {
            Variables = new Dictionary<string, string> { ["SMSTSRebootRequested"] = "true", ["SMSTSRetryRequested"] = "true" },
        };
        var result = Sim.Run(Sequence(s => s.Step("Script").Step("Next")), ("Script", new object[] { rebootAndRetry, 0 }));

        result.Trace().ShouldBe(["Script:Succeeded", "Script:Succeeded", "Next:Succeeded"]);
        result.WorkItems.Select(w => w.Kind).ShouldBe([WorkItemKind.Step, WorkItemKind.Restart, WorkItemKind.Step, WorkItemKind.Step]);
    }

    [Fact]
    public void Unexpected_restart_retries_the_step_when_retries_are_left()
    {
        var sequence = Sequence(s => s.Step("Flaky", x => x with { RetryOnUnexpectedRestart = 1 }).Step("Next"));

        var result = Sim.Run(sequence, ("Flaky", new object[] { "unexpected-restart", 0 }));

        result.Status.ShouldBe(RunStatus.Succeeded);
        result.History.Select(r => (r.Name, r.Outcome, r.Attempt, r.Reason)).ShouldBe(
        [
            ("Flaky", ActivityOutcome.Failed, 1, ActivityReasons.RetryingAfterUnexpectedRestart),
            ("Flaky", ActivityOutcome.Succeeded, 2, null),
            ("Next", ActivityOutcome.Succeeded, 1, null),
        ]);
    }

    [Fact]
    public void Unexpected_restart_without_retry_fails_the_step_with_a_clear_reason()
    {
        var result = Sim.Run(Sequence(s => s.Step("Fragile").Step("Never")), ("Fragile", "unexpected-restart"));

        result.Status.ShouldBe(RunStatus.Failed);
        result.History.Single().Reason.ShouldBe(ActivityReasons.UnexpectedRestart);
    }

    [Fact]
    public void Unexpected_restarts_beyond_the_retry_count_fail_the_step()
    {
        var sequence = Sequence(s => s.Step("Flaky", x => x with { RetryOnUnexpectedRestart = 2, ContinueOnError = true }).Step("Next"));

        var result = Sim.Run(sequence, ("Flaky", new object[] { "unexpected-restart", "unexpected-restart", "unexpected-restart" }));

        result.Trace().ShouldBe(["Flaky:Failed", "Flaky:Failed", "Flaky:Failed", "Next:Succeeded"]);
        result.History[2].Reason.ShouldBe(ActivityReasons.UnexpectedRestart);
        result.History[2].Attempt.ShouldBe(3);
    }

    [Fact]
    public void Install_package_retries_twice_after_unexpected_restarts_by_default()
    {
        var sequence = Sequence(s => s.Step("Install", type: StepTypeIds.InstallPackage));

        var result = Sim.Run(sequence, ("Install", new object[] { "unexpected-restart", "unexpected-restart", 0 }));

        result.Status.ShouldBe(RunStatus.Succeeded);
        result.History[^1].Attempt.ShouldBe(3);
    }

    [Fact]
    public void Unexpected_restart_during_a_restart_the_engine_asked_for_counts_as_the_expected_restart()
    {
        var sequence = Sequence(s => s.Restart("Restart").Step("Next"));
        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");
        engine.Apply(state, new StartRun());

        var transition = engine.Apply(state, new DeviceRestarted { Expected = false });

        transition.Records.Single().Outcome.ShouldBe(ActivityOutcome.Succeeded);
        transition.Commands.OfType<DispatchWorkItem>().Single().WorkItem.Name.ShouldBe("Next");
    }
}
