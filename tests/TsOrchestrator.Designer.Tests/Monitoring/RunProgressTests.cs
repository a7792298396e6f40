using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Designer.Monitoring;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Tests.Monitoring;

public sealed class RunProgressTests
{
    private static readonly TaskSequence Sequence = SequenceBuilder.With("Monitored",
        SequenceBuilder.Command("Prepare", "prepare"),
        new GroupNode { Name = "Install", Children = [SequenceBuilder.Command("Install app", "install")] });

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static RunDetails Details(string status, string? current, params RunStepRecord[] history) => new()
    {
        Summary = new RunSummary
        {
            Id = "RUN1", DeviceId = "DEV1", SequenceId = "TS1", SequenceVersion = 1, Status = status, CurrentStep = current, CreatedAt = Start, UpdatedAt = Start,
        },
        History = history,
    };

    private static RunStepRecord Record(int sequence, string path, string name, string outcome, int? exitCode, double seconds) => new()
    {
        Sequence = sequence, Path = path, Name = name, Outcome = outcome, ExitCode = exitCode, Attempt = 1, StartedAt = Start, EndedAt = Start.AddSeconds(seconds),
    };

    [Fact]
    public void Nodes_are_listed_in_run_order_with_their_depth_and_the_current_step_shows_running()
    {
        var progress = new RunProgress(Sequence, Details("Running", "0"));

        progress.Steps.Select(s => (s.Path, s.Name, s.Depth, s.IsGroup)).ShouldBe([("0", "Prepare", 0, false), ("1", "Install", 0, true), ("1/0", "Install app", 1, false)]);
        progress.StatusOf(progress.Steps[0]).ShouldBe("Running");
        progress.StatusOf(progress.Steps[2]).ShouldBe("");
    }

    [Fact]
    public void Each_event_records_outcome_exit_code_and_duration_and_log_chunks_are_kept_once()
    {
        var progress = new RunProgress(Sequence, Details("Running", "0"));
        progress.Apply(new RunEventMessage { RunId = "RUN1", Status = "Running", CurrentStep = "1/0", Records = [Record(1, "0", "Prepare", "Succeeded", 0, 2.5)] });
        var chunk = new RunLogEntry { WorkItemId = "W2", Offset = 0, Text = "installing\n" };
        progress.Apply(new RunEventMessage { RunId = "RUN1", Status = "Running", CurrentStep = "1/0", Records = [], Log = chunk });
        progress.AddLog([chunk]);
        progress.Apply(new RunEventMessage { RunId = "RUN1", Status = "Failed", CurrentStep = "1/0", Records = [Record(2, "1/0", "Install app", "Failed", 1603, 0.5)] });

        progress.Steps[0].Status.ShouldBe("Succeeded");
        progress.Steps[0].Duration.ShouldBe(TimeSpan.FromSeconds(2.5));
        progress.Steps[2].ExitCode.ShouldBe(1603);
        progress.StatusOf(progress.Steps[2]).ShouldBe("Failed");
        progress.Log.ShouldHaveSingleItem().Text.ShouldBe("installing\n");
        progress.IsLive.ShouldBeFalse();
        progress.CanResume.ShouldBeTrue();
    }

    [Fact]
    public void A_reset_after_resume_clears_outcomes_the_new_history_does_not_repeat()
    {
        var progress = new RunProgress(Sequence, Details("Failed", "1/0", Record(1, "0", "Prepare", "Succeeded", 0, 1), Record(2, "1/0", "Install app", "Failed", 1, 1)));

        progress.Reset(Details("Running", "0"));

        progress.Steps.ShouldAllBe(s => s.Status == "");
        progress.StatusOf(progress.Steps[0]).ShouldBe("Running");
        progress.CanResume.ShouldBeFalse();
    }
}
