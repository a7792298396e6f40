namespace TsOrchestrator.Server.Notifications;

/// <summary>A saved change that devices must hear of: the reason (<c>AgentNotificationReasons</c>) and the id it concerns.</summary>
/// <param name="Reason">DeploymentChanged (a deployment id), SequenceEnabled (a sequence id) or ContentAvailable (a package id).</param>
/// <param name="Id">The deployment, sequence or package.</param>
internal readonly record struct NotificationCause(string Reason, string Id);
