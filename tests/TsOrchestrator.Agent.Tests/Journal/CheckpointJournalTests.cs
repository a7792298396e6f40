using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Tests.Journal;

public sealed class CheckpointJournalTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("tsorch-journal-");

    public void Dispose() => _state.Delete(recursive: true);

    private CheckpointJournal Journal() => new(_state.FullName, TimeProvider.System);

    [Fact]
    public void Finished_checkpoint_is_read_back_with_its_result_by_a_new_agent_process()
    {
        Journal().Write(new CheckpointRecord
        {
            RunId = "R1", WorkItemId = "w3", Path = "0/2", Attempt = 2, State = CheckpointState.Finished,
            Result = new WorkItemResult { ExitCode = 3010, Variables = new Dictionary<string, string> { ["Out"] = "x" } },
        });

        var contents = Journal().Load();

        contents.QuarantinedPath.ShouldBeNull();
        contents.Record.ShouldNotBeNull();
        contents.Record.State.ShouldBe(CheckpointState.Finished);
        contents.Record.Attempt.ShouldBe(2);
        contents.Record.Result!.ExitCode.ShouldBe(3010);
        contents.Record.Result.Variables!["Out"].ShouldBe("x");
    }

    [Fact]
    public void Cleared_journal_has_nothing_to_report()
    {
        var journal = Journal();
        journal.Write(new CheckpointRecord { RunId = "R1", WorkItemId = "w1", Path = "0", State = CheckpointState.Started });

        journal.Clear();

        Journal().Load().ShouldBe(new JournalContents(null, null));
    }

    [Fact]
    public void Corrupt_journal_is_quarantined_and_reported_never_dropped()
    {
        var path = Path.Combine(_state.FullName, "journal.json");
        File.WriteAllText(path, "{\"runId\": \"R1\", \"workItemId\": \"w");

        var contents = Journal().Load();

        contents.Record.ShouldBeNull();
        contents.QuarantinedPath.ShouldNotBeNull();
        File.ReadAllText(contents.QuarantinedPath).ShouldBe("{\"runId\": \"R1\", \"workItemId\": \"w");
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public void Journal_with_an_unknown_state_is_quarantined()
    {
        File.WriteAllText(Path.Combine(_state.FullName, "journal.json"), """{"runId": "R1", "workItemId": "w1", "path": "0", "state": 7}""");

        Journal().Load().QuarantinedPath.ShouldNotBeNull();
    }

    [Fact]
    public void Write_torn_before_its_rename_leaves_the_previous_checkpoint()
    {
        Journal().Write(new CheckpointRecord { RunId = "R1", WorkItemId = "w1", Path = "0", State = CheckpointState.Started });
        File.WriteAllText(Path.Combine(_state.FullName, "journal.json.tmp"), "{\"runId\": \"R1\", \"wor");

        var contents = Journal().Load();

        contents.Record!.State.ShouldBe(CheckpointState.Started);
        File.Exists(Path.Combine(_state.FullName, "journal.json.tmp")).ShouldBeFalse();
    }

    [Fact]
    public void Journal_replaced_by_a_folder_is_moved_aside_and_the_agent_writes_its_next_checkpoint()
    {
        var path = Path.Combine(_state.FullName, "journal.json");
        Directory.CreateDirectory(Path.Combine(path, "inside"));

        var contents = Journal().Load();
        Journal().Write(new CheckpointRecord { RunId = "R1", WorkItemId = "w1", Path = "0", State = CheckpointState.Started });

        contents.Record.ShouldBeNull();
        contents.QuarantinedPath.ShouldNotBeNull();
        Directory.Exists(Path.Combine(contents.QuarantinedPath, "inside")).ShouldBeTrue();
        Journal().Load().Record!.WorkItemId.ShouldBe("w1");
    }

    [Fact]
    public void Folder_in_place_of_the_temporary_file_is_moved_aside_and_the_checkpoint_kept()
    {
        Journal().Write(new CheckpointRecord { RunId = "R1", WorkItemId = "w1", Path = "0", State = CheckpointState.Started });
        Directory.CreateDirectory(Path.Combine(_state.FullName, "journal.json.tmp"));

        var contents = Journal().Load();
        Journal().Write(new CheckpointRecord { RunId = "R1", WorkItemId = "w2", Path = "1", State = CheckpointState.Started });

        contents.Record!.WorkItemId.ShouldBe("w1");
        Directory.GetDirectories(_state.FullName, "journal.corrupt-*").ShouldHaveSingleItem();
        Journal().Load().Record!.WorkItemId.ShouldBe("w2");
    }
}
