namespace TsOrchestrator.Contracts.Deployments;

/// <summary>
/// The reasons the server gives for a deployment not starting on a device, in the order it weighs them; a client may
/// switch on them, so they never change meaning.
/// </summary>
public static class WhyNotCodes
{
    /// <summary>Not a reason: the deployment starts at the device's next check-in.</summary>
    public const string StartsAtNextCheckIn = "StartsAtNextCheckIn";

    public const string NotInCollection = "NotInCollection";
    public const string SequenceMissing = "SequenceMissing";
    public const string DeploymentDisabled = "DeploymentDisabled";
    public const string SequenceDisabled = "SequenceDisabled";
    public const string NotYetAvailable = "NotYetAvailable";
    public const string PhasedBatchNotReached = "PhasedBatchNotReached";
    public const string Expired = "Expired";
    public const string NotAvailableToEnvironment = "NotAvailableToEnvironment";
    public const string Platform = "Platform";
    public const string AvailableOnly = "AvailableOnly";
    public const string AssignmentNotReached = "AssignmentNotReached";
    public const string RerunBehavior = "RerunBehavior";
    public const string RunFirstProgramFailed = "RunFirstProgramFailed";
    public const string Running = "Running";
    public const string AnotherRunActive = "AnotherRunActive";
    public const string OutsideMaintenanceWindow = "OutsideMaintenanceWindow";
    public const string Capability = "Capability";
}
