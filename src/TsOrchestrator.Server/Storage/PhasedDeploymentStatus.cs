namespace TsOrchestrator.Server.Storage;

/// <summary>Active: phases are evaluated and begin. Suspended: the current phase's deployment is disabled. Completed: the last phase met its criteria.</summary>
public enum PhasedDeploymentStatus
{
    Active,
    Suspended,
    Completed,
}
