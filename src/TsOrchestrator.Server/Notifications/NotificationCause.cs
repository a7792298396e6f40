namespace TsOrchestrator.Server.Notifications;

/// <summary>A saved change that devices must hear of: the reason (<c>AgentNotificationReasons</c>) and the id it concerns.</summary>
/// <param name="Reason">
/// DeploymentChanged (a deployment id), SequenceEnabled (a sequence id), ContentAvailable (a package id), or
/// <see cref="WindowAdded"/> (a maintenance window id: its openings are planned, nobody is told now).
/// </param>
/// <param name="Id">The deployment, sequence, package or maintenance window.</param>
internal readonly record struct NotificationCause(string Reason, string Id)
{
    public const string WindowAdded = "WindowAdded";
}
