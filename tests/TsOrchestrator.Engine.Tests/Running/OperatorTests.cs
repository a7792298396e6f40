using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using static TsOrchestrator.Engine.Tests.Support.SequenceBuilder;

namespace TsOrchestrator.Engine.Tests.Running;

/// <summary>TS-SEMANTICS.md §2, rules 14–16: cancel, maximum run time, resume, idempotency.</summary>
public sealed class OperatorTests
{
    private static readonly TaskSequence ThreeSteps = Sequence(s => s
        .Step("A")
        .Group("G", g => g.Step("B").Step("C"))
        .Step("D"));

    [Fact]
    public void Cancel_stops_the_running_step_and_ends_the_run_as_cancelled()
    {
        var (engine, state, item) = StartAt(ThreeSteps);

        var transition = engine.Apply(state, new CancelRun());

        state.Status.ShouldBe(RunStatus.Cancelled);
        transition.Commands.ShouldContain(new CancelWorkItem(item.Id));
        transition.Commands.ShouldContain(new CompleteRun(RunStatus.Cancelled, null));
        transition.Records.Single().Outcome.ShouldBe(ActivityOutcome.Cancelled);
        state.FailedPath.ShouldBe("0");
    }

    [Fact]
    public void Reaching_the_maximum_run_time_ends_the_run_as_timed_out()
    {
        var (engine, state, _) = StartAt(ThreeSteps);

        engine.Apply(state, new RunTimedOut());

        state.Status.ShouldBe(RunStatus.TimedOut);
        state.FailureReason.ShouldBe(ActivityReasons.RunTimedOut);
    }

    [Fact]
    public void Result_arriving_after_cancel_changes_nothing()
    {
        var (engine, state, item) = StartAt(ThreeSteps);
        engine.Apply(state, new CancelRun());
        var version = state.Version;

        engine.Apply(state, new WorkItemCompleted { WorkItemId = item.Id }).Accepted.ShouldBeFalse();

        state.Version.ShouldBe(version);
        state.Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public void Duplicate_result_for_a_finished_work_item_changes_nothing()
    {
        var (engine, state, item) = StartAt(ThreeSteps);
        var first = engine.Apply(state, new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 0 });
        var snapshot = TsOrchestrator.Engine.Serialization.RunStateSerializer.Serialize(state);

        var duplicate = engine.Apply(state, new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 1 });

        first.Accepted.ShouldBeTrue();
        duplicate.Accepted.ShouldBeFalse();
        duplicate.Commands.ShouldBeEmpty();
        duplicate.Records.ShouldBeEmpty();
        TsOrchestrator.Engine.Serialization.RunStateSerializer.Serialize(state).ShouldBe(snapshot);
    }

    [Fact]
    public void Result_for_an_unknown_work_item_changes_nothing()
    {
        var (engine, state, _) = StartAt(ThreeSteps);

        engine.Apply(state, new WorkItemCompleted { WorkItemId = "w999" }).Accepted.ShouldBeFalse();
    }

    [Fact]
    public void Resume_at_the_failed_step_runs_it_again_and_goes_on()
    {
        var (engine, state) = FailAt(ThreeSteps, "B");

        var transition = engine.Apply(state, new ResumeRun());

        state.Status.ShouldBe(RunStatus.Running);
        transition.Commands.OfType<DispatchWorkItem>().Single().WorkItem.Name.ShouldBe("B");
        var names = RunToEnd(engine, state);
        names.ShouldBe(["B", "C", "D"]);
        state.Status.ShouldBe(RunStatus.Succeeded);
    }

    [Fact]
    public void Resume_at_an_earlier_path_never_reruns_nodes_before_it()
    {
        var (engine, state) = FailAt(ThreeSteps, "C");

        engine.Apply(state, new ResumeRun { FromPath = "1/0" });

        RunToEnd(engine, state).ShouldBe(["B", "C", "D"]);
    }

    [Fact]
    public void Resume_at_a_path_after_the_failed_step_is_rejected()
    {
        var (engine, state) = FailAt(ThreeSteps, "B");

        var error = Should.Throw<RunEventRejectedException>(() => engine.Apply(state, new ResumeRun { FromPath = "2" }));

        error.Message.ShouldContain("after the failed step '1/0'");
        state.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public void Resume_at_an_unknown_path_is_rejected_and_changes_nothing()
    {
        var (engine, state) = FailAt(ThreeSteps, "B");

        Should.Throw<RunEventRejectedException>(() => engine.Apply(state, new ResumeRun { FromPath = "7/3" }))
            .Message.ShouldContain("'7/3'");
        state.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public void Resume_applies_variable_edits_first()
    {
        var sequence = Sequence(s => s.Step("Uses var", x => x with { Settings = new Dictionary<string, string> { ["CommandLine"] = "setup %Edition%" } }));
        var (engine, state) = FailAt(sequence, "Uses var");

        var transition = engine.Apply(state, new ResumeRun { VariableEdits = new Dictionary<string, string> { ["Edition"] = "Pro" } });

        transition.Commands.OfType<DispatchWorkItem>().Single().WorkItem.Settings["CommandLine"].ShouldBe("setup Pro");
    }

    [Fact]
    public void Resume_refuses_edits_of_read_only_variables()
    {
        var (engine, state) = FailAt(ThreeSteps, "B");

        Should.Throw<RunEventRejectedException>(() => engine.Apply(state,
            new ResumeRun { VariableEdits = new Dictionary<string, string> { ["_SMSTSLastActionSucceeded"] = "true" } }));
        state.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public void Resume_of_a_running_run_is_rejected()
    {
        var (engine, state, _) = StartAt(ThreeSteps);

        Should.Throw<RunEventRejectedException>(() => engine.Apply(state, new ResumeRun()));
    }

    [Fact]
    public void Resume_of_a_cancelled_run_starts_at_the_interrupted_step()
    {
        var (engine, state, _) = StartAt(ThreeSteps);
        engine.Apply(state, new CancelRun());

        var transition = engine.Apply(state, new ResumeRun());

        transition.Commands.OfType<DispatchWorkItem>().Single().WorkItem.Name.ShouldBe("A");
    }

    [Fact]
    public void History_keeps_every_attempt_across_a_resume()
    {
        var engine = new RunEngine(WorkflowCompiler.Compile(ThreeSteps));
        var state = engine.NewRun("r1");
        var history = new List<ActivityRecord>();
        var item = Apply(engine, state, new StartRun(), history)!;
        item = Apply(engine, state, new WorkItemCompleted { WorkItemId = item.Id }, history)!; // A
        Apply(engine, state, new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 1 }, history); // B fails
        item = Apply(engine, state, new ResumeRun(), history)!;
        Apply(engine, state, new WorkItemCompleted { WorkItemId = item.Id }, history); // B again

        history.Select(r => $"{r.Name}:{r.Outcome}").ShouldBe(["A:Succeeded", "B:Failed", "B:Succeeded"]);
    }

    private static WorkItem? Apply(RunEngine engine, RunState state, RunEvent runEvent, List<ActivityRecord> history)
    {
        var transition = engine.Apply(state, runEvent);
        history.AddRange(transition.Records);
        return transition.Commands.OfType<DispatchWorkItem>().SingleOrDefault()?.WorkItem;
    }

    private static (RunEngine Engine, RunState State, WorkItem Item) StartAt(TaskSequence sequence)
    {
        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");
        var item = engine.Apply(state, new StartRun()).Commands.OfType<DispatchWorkItem>().Single().WorkItem;
        return (engine, state, item);
    }

    /// <summary>Runs until the named step, which fails.</summary>
    private static (RunEngine Engine, RunState State) FailAt(TaskSequence sequence, string failing)
    {
        var (engine, state, item) = StartAt(sequence);
        while (state.Status == RunStatus.Running)
        {
            var exitCode = item.Name == failing ? 1 : 0;
            var next = engine.Apply(state, new WorkItemCompleted { WorkItemId = item.Id, ExitCode = exitCode });
            item = next.Commands.OfType<DispatchWorkItem>().SingleOrDefault()?.WorkItem!;
        }

        state.Status.ShouldBe(RunStatus.Failed);
        return (engine, state);
    }

    /// <summary>Completes every dispatched step with success, returning the names run.</summary>
    private static List<string> RunToEnd(RunEngine engine, RunState state)
    {
        var names = new List<string>();
        while (state.Bookmark is { } bookmark)
        {
            names.Add(engine.Definition[bookmark.ActivityIndex].Name);
            engine.Apply(state, new WorkItemCompleted { WorkItemId = bookmark.WorkItemId });
        }

        return names;
    }
}
