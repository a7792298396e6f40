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
