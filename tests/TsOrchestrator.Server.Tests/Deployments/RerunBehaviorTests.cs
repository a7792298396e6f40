using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.Deployments;

/// <summary>TS-SEMANTICS §6: each assignment occurrence runs once; earlier runs decide reruns per the behaviour.</summary>
public sealed class RerunBehaviorTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Assignment = new(2026, 11, 2, 22, 0, 0, TimeSpan.Zero);

    private static DeploymentEntity Required(RerunBehavior rerun, Recurrence recurrence = Recurrence.Daily) => new()
    {
        Id = "DEP1", SequenceId = "TS1", CollectionId = "C1", Purpose = DeploymentPurpose.Required, CreatedAt = Created,
        AssignmentAt = Assignment, AssignmentRecurrence = recurrence, Rerun = rerun,
    };

    private static (string, DateTimeOffset)[] Ran(string status) => [(status, Assignment.AddMinutes(5))];

    [Fact]
    public void Required_deployment_waits_for_its_assignment_time()
    {
        DeploymentApplicability.ShouldStart(Required(RerunBehavior.AlwaysRerun), [], Assignment.AddMinutes(-1)).ShouldBeFalse();
        DeploymentApplicability.ShouldStart(Required(RerunBehavior.AlwaysRerun), [], Assignment).ShouldBeTrue();
    }

    [Fact]
    public void As_soon_as_possible_starts_at_once_and_once()
    {
        var asap = Required(RerunBehavior.AlwaysRerun, Recurrence.None);
        asap.AssignmentAt = null;

        DeploymentApplicability.ShouldStart(asap, [], Created.AddSeconds(1)).ShouldBeTrue();
        DeploymentApplicability.ShouldStart(asap, [("Failed", Created.AddSeconds(2))], Created.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void An_occurrence_already_run_does_not_run_again_whatever_the_behaviour()
    {
        foreach (var rerun in Enum.GetValues<RerunBehavior>())
        {
            DeploymentApplicability.ShouldStart(Required(rerun), Ran("Failed"), Assignment.AddHours(2)).ShouldBeFalse(rerun.ToString());
        }
    }

    [Theory]
    [InlineData(RerunBehavior.NeverRerun, "Succeeded", false)]
    [InlineData(RerunBehavior.NeverRerun, "Failed", false)]
    [InlineData(RerunBehavior.AlwaysRerun, "Succeeded", true)]
    [InlineData(RerunBehavior.AlwaysRerun, "Failed", true)]
    [InlineData(RerunBehavior.RerunIfFailed, "Failed", true)]
    [InlineData(RerunBehavior.RerunIfFailed, "TimedOut", true)]
    [InlineData(RerunBehavior.RerunIfFailed, "Succeeded", false)]
    [InlineData(RerunBehavior.RerunIfSucceeded, "Succeeded", true)]
    [InlineData(RerunBehavior.RerunIfSucceeded, "Failed", false)]
    public void Next_occurrence_reruns_per_the_rerun_behaviour(RerunBehavior rerun, string lastStatus, bool starts)
    {
        DeploymentApplicability.ShouldStart(Required(rerun), Ran(lastStatus), Assignment.AddDays(1).AddMinutes(1)).ShouldBe(starts);
    }

    [Fact]
    public void Available_deployments_never_start_by_themselves()
    {
        var available = Required(RerunBehavior.AlwaysRerun);
        available.Purpose = DeploymentPurpose.Available;

        DeploymentApplicability.ShouldStart(available, [], Assignment.AddDays(5)).ShouldBeFalse();
    }
}
