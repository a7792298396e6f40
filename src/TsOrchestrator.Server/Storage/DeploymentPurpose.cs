namespace TsOrchestrator.Server.Storage;

/// <summary>Available: the user starts it. Required: it starts by itself at its assignment time.</summary>
public enum DeploymentPurpose
{
    Available,
    Required,
}
