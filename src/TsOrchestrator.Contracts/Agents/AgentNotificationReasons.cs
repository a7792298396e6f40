namespace TsOrchestrator.Contracts.Agents;

/// <summary>Why the server tells a device to check in now (Configuration Manager's client notification).</summary>
public static class AgentNotificationReasons
{
    /// <summary>A deployment to one of the device's collections was created, changed or enabled.</summary>
    public const string DeploymentChanged = "DeploymentChanged";

    /// <summary>A deployed task sequence was enabled again.</summary>
    public const string SequenceEnabled = "SequenceEnabled";

    /// <summary>Content a deployed task sequence needs became available on a distribution point.</summary>
    public const string ContentAvailable = "ContentAvailable";

    /// <summary>An operator cancelled one of the device's runs.</summary>
    public const string RunCancelled = "RunCancelled";

    /// <summary>An operator resumed one of the device's runs.</summary>
    public const string RunResumed = "RunResumed";

    /// <summary>A deployment to one of the device's collections became available or due, or a maintenance window opened for one waiting.</summary>
    public const string DeploymentOpened = "DeploymentOpened";
}
