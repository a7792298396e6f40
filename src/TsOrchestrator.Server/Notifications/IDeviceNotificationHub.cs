using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Server.Notifications;

/// <summary>
/// "Check in now" for devices, as Configuration Manager's client notification: raised where an operator's change is
/// saved, taken by the device's long poll (<c>GET /agent/v1/notifications</c>). A notification raised while the device
/// is between polls waits for its next poll. Polls are held in this node's memory
/// (<see cref="InMemoryDeviceNotificationHub"/>); <see cref="SiteDeviceNotificationHub"/> also tells the site's other nodes.
/// </summary>
public interface IDeviceNotificationHub
{
    /// <summary>Tells each device to check in now, for <paramref name="reason"/>; with <paramref name="runId"/>, that run changed.</summary>
    void Notify(IEnumerable<string> deviceIds, string reason, string? runId = null);

    /// <summary>What is pending for the device, at once; else the first notification within <paramref name="wait"/>; else empty.</summary>
    Task<AgentNotification> WaitAsync(string deviceId, TimeSpan wait, CancellationToken cancellationToken);
}
