using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Designer.Components.Deployments;

namespace TsOrchestrator.Designer.Tests.Deployments;

public sealed class DeployFormTests
{
    [Fact]
    public void An_available_deployment_sends_no_assignment_schedule_whatever_was_chosen_before_switching_purpose()
    {
        var form = new DeployForm { CollectionId = "C1", Purpose = "Required", Assignment = DeployForm.Recurring, AssignmentAt = new DateTime(2026, 12, 1, 8, 0, 0), Interval = 3 };
        form.Purpose = "Available";

        var request = form.ToRequest("TS1");

        request.AssignmentAt.ShouldBeNull();
        request.AssignmentRecurrence.ShouldBe("None");
        request.AssignmentInterval.ShouldBeNull();
        request.Rerun.ShouldBeNull();
    }

    [Fact]
    public void Times_are_read_as_utc()
    {
        var form = new DeployForm { CollectionId = "C1", ScheduleAvailable = true, AvailableAt = new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Local) };

        form.ToRequest("TS1").AvailableAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Times_are_read_in_the_browsers_zone_and_a_stored_one_is_shown_in_it()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var form = new DeployForm { Zone = paris, CollectionId = "C1", ScheduleAvailable = true, AvailableAt = new DateTime(2026, 12, 1, 8, 30, 0) };

        var request = form.ToRequest("TS1");

        request.AvailableAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 7, 30, 0, TimeSpan.Zero));
        form.Summary([]).ShouldContain(("Available", "2026-12-01 08:30 Europe/Paris"));
        var stored = new DeploymentInfo
        {
            Id = "DEP1", SequenceId = "TS1", CollectionId = "C1", Purpose = "Available", AssignmentRecurrence = "None", Rerun = "AlwaysRerun",
            RunCounts = new Dictionary<string, int>(), AvailableAt = request.AvailableAt,
        };
        DeployForm.From(stored, paris).AvailableAt.ShouldBe(new DateTime(2026, 12, 1, 8, 30, 0));
    }

    [Fact]
    public void A_time_the_clocks_skip_in_the_browsers_zone_is_refused_at_its_field()
    {
        // 2027-03-28: Paris moves from 02:00 to 03:00.
        var form = new DeployForm { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), CollectionId = "C1", ScheduleAvailable = true, AvailableAt = new DateTime(2027, 3, 28, 2, 30, 0) };

        form.Validate(DeployWizardPage.Scheduling).ShouldBe(DeployWizardPage.Scheduling);
        form.LocalErrors["availableAt"].ShouldBe("2027-03-28 02:30 does not exist in Europe/Paris: the clocks skip it");
        form.ToRequest("TS1").AvailableAt.ShouldBeNull();
    }

    [Fact]
    public void A_time_asked_for_and_left_empty_is_flagged_on_its_page_only()
    {
        var form = new DeployForm { Purpose = "Required", Assignment = DeployForm.AtTime, ScheduleExpiry = true };

        form.Validate(DeployWizardPage.Scheduling).ShouldBe(DeployWizardPage.Scheduling);
        form.LocalErrors.Keys.Order().ShouldBe(["assignmentAt", "expiresAt"]);
        form.Validate(null).ShouldBe(DeployWizardPage.General);
        form.LocalErrors.ContainsKey("collectionId").ShouldBeTrue();
    }

    [Fact]
    public void A_high_risk_confirmation_is_sent_only_for_the_collection_the_site_asked_it_for()
    {
        var form = new DeployForm { CollectionId = "C1", Purpose = "Required", HighRiskWarning = ("C1", "collection C1 is large") };

        form.Validate(null).ShouldBe(DeployWizardPage.Summary);
        form.LocalErrors.Keys.ShouldBe(["confirmHighRisk"]);
        form.ConfirmHighRisk = true;
        form.Validate(null).ShouldBeNull();
        form.ToRequest("TS1").ConfirmHighRisk.ShouldBeTrue();

        form.CollectionId = "C2";
        form.ToRequest("TS1").ConfirmHighRisk.ShouldBeFalse();
        form.Validate(null).ShouldBeNull();
    }
}
