using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Designer.Monitoring;

namespace TsOrchestrator.Designer.Tests.Monitoring;

public sealed class InspectionScrubTests
{
    private static RunStepInspection Record(int sequence, string path, string name) =>
        new() { Sequence = sequence, Path = path, NamePath = name, Name = name, Outcome = "Succeeded" };

    private static readonly RunStepInspection[] Records = [Record(1, "0", "Prepare"), Record(2, "1/0", "Install"), Record(3, "1/0", "Install"), Record(4, "2", "Finish")];

    [Fact]
    public void A_click_selects_the_latest_attempt_of_the_step_and_previous_and_next_go_in_run_order()
    {
        var scrub = new InspectionScrub();
        scrub.Load(Records);

        scrub.SelectPath("1/0").ShouldBeTrue();
        scrub.Selected!.Sequence.ShouldBe(3);
        scrub.Previous().ShouldBeTrue();
        scrub.Selected!.Sequence.ShouldBe(2);
        scrub.Next().ShouldBeTrue();
        scrub.Next().ShouldBeTrue();
        scrub.Selected!.Name.ShouldBe("Finish");
        scrub.Next().ShouldBeFalse();
        scrub.SelectPath("9").ShouldBeFalse();
        scrub.Selected!.Name.ShouldBe("Finish");
    }

    [Fact]
    public void Next_with_nothing_selected_starts_at_the_first_record_and_a_fresh_read_keeps_the_selection()
    {
        var scrub = new InspectionScrub();
        scrub.Load(Records[..2]);

        scrub.CanGoBack.ShouldBeFalse();
        scrub.Next().ShouldBeTrue();
        scrub.Selected!.Sequence.ShouldBe(1);
        scrub.Next().ShouldBeTrue();
        scrub.Load(Records);
        scrub.Selected!.Sequence.ShouldBe(2);
        scrub.CanGoForward.ShouldBeTrue();
    }

    [Fact]
    public void Variables_compare_by_name_whatever_the_case_and_a_masked_secret_the_step_changed_shows_as_changed()
    {
        var before = new Dictionary<string, string> { ["Edition"] = "Pro", ["Gone"] = "x", ["JoinSecret"] = "********", ["Same"] = "1" };
        var after = new Dictionary<string, string> { ["EDITION"] = "Enterprise", ["Added"] = "y", ["JoinSecret"] = "********", ["Same"] = "1" };
        VariableChangeInfo[] changes = [new() { Name = "JoinSecret", Change = "Changed", Before = "********", After = "********" }];

        var rows = VariableDiff.Compare(before, after, changes);

        rows.Select(r => (r.Name, r.Change)).ShouldBe([("Added", "Added"), ("Edition", "Changed"), ("Gone", "Removed"), ("JoinSecret", "Changed"), ("Same", "Unchanged")]);
        rows.Single(r => r.Name == "Edition").After.ShouldBe("Enterprise");
    }
}
