namespace TsOrchestrator.Server.Storage;

/// <summary>Whether a registered device may take part: blocked devices are refused by the agent API.</summary>
public enum DeviceStatus
{
    Approved,
    Blocked,
}
