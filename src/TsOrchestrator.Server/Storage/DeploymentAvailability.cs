namespace TsOrchestrator.Server.Storage;

/// <summary>
/// A deployment's "make available to" (Configuration Manager's deployment settings): the agents in full operating
/// systems, those too plus network (PXE) and boot-media starts, or only network and boot-media starts.
/// </summary>
public enum DeploymentAvailability
{
    Clients,
    ClientsMediaAndPxe,
    MediaAndPxeOnly,
}
