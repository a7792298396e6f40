using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// The properties a deployment is created with and later saved with, checked the same way both times, each refusal
/// naming its field.
/// </summary>
internal sealed record DeploymentProperties(
    DeploymentPurpose Purpose, DateTimeOffset? AvailableAt, DateTimeOffset? AssignmentAt, Recurrence Recurrence, int Interval, DateTimeOffset? ExpiresAt,
    RerunBehavior Rerun, bool AllowOutsideMaintenanceWindow, DeploymentAvailability AvailableTo)
{
    public static DeploymentProperties Read(CreateDeploymentRequest request) =>
        Read(request.Purpose, request.AvailableAt, request.AssignmentAt, request.AssignmentRecurrence, request.AssignmentInterval, request.ExpiresAt,
            request.Rerun, request.AllowOutsideMaintenanceWindow, request.AvailableTo);

    public static DeploymentProperties Read(UpdateDeploymentRequest request) =>
        Read(request.Purpose, request.AvailableAt, request.AssignmentAt, request.AssignmentRecurrence, request.AssignmentInterval, request.ExpiresAt,
            request.Rerun, request.AllowOutsideMaintenanceWindow, request.AvailableTo);

    public void ApplyTo(DeploymentEntity deployment)
    {
        deployment.Purpose = Purpose;
        deployment.AvailableAt = AvailableAt;
        deployment.AssignmentAt = AssignmentAt;
        deployment.AssignmentRecurrence = Recurrence;
        deployment.AssignmentInterval = Interval;
        deployment.ExpiresAt = ExpiresAt;
        deployment.Rerun = Rerun;
        deployment.AllowOutsideMaintenanceWindow = AllowOutsideMaintenanceWindow;
        deployment.AvailableTo = AvailableTo;
    }

    private static DeploymentProperties Read(string? purposeText, DateTimeOffset? availableAt, DateTimeOffset? assignmentAt, string? recurrenceText, int? intervalValue,
        DateTimeOffset? expiresAt, string? rerunText, bool allowOutsideMaintenanceWindow, string? availableToText)
    {
        var purpose = DeploymentsApi.Parse<DeploymentPurpose>(purposeText ?? nameof(DeploymentPurpose.Available), "purpose");
        var availableTo = DeploymentsApi.Parse<DeploymentAvailability>(availableToText ?? nameof(DeploymentAvailability.ClientsMediaAndPxe), "availableTo");
        var rerun = DeploymentsApi.Parse<RerunBehavior>(rerunText ?? nameof(RerunBehavior.AlwaysRerun), "rerun");
        var recurrence = DeploymentsApi.Parse<Recurrence>(recurrenceText ?? nameof(Recurrence.None), "assignmentRecurrence");
        var interval = intervalValue ?? 1;
        if (interval is < 1 or > 365)
        {
            throw Problem.BadRequest("assignmentInterval", "an assignment recurs every 1 to 365 days or weeks");
        }

        if (purpose == DeploymentPurpose.Available && recurrence != Recurrence.None)
        {
            throw Problem.BadRequest("assignmentRecurrence", "only Required deployments have an assignment schedule");
        }

        if (expiresAt is { } expires && (availableAt ?? DateTimeOffset.MinValue) >= expires)
        {
            throw Problem.BadRequest("expiresAt", "a deployment expires after it becomes available");
        }

        if (purpose == DeploymentPurpose.Available && assignmentAt is not null)
        {
            throw Problem.BadRequest("assignmentAt", "only Required deployments have an assignment schedule");
        }

        return new DeploymentProperties(purpose, availableAt, assignmentAt, recurrence, interval, expiresAt, rerun, allowOutsideMaintenanceWindow, availableTo);
    }
}
