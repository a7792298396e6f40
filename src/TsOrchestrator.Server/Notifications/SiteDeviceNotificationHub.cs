using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.ScaleOut;

namespace TsOrchestrator.Server.Notifications;

/// <summary>
/// The fast channel of a site: a device's held poll may be on any node, so "check in now" goes to this node's mailboxes
/// and, through the site bus, to every other node's. Polls are held here, on this node.
/// </summary>
public sealed class SiteDeviceNotificationHub(InMemoryDeviceNotificationHub here, ISiteBus site) : IDeviceNotificationHub
{
    public void Notify(IEnumerable<string> deviceIds, string reason, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var devices = deviceIds as IReadOnlyList<string> ?? [.. deviceIds];
        if (devices.Count == 0)
        {
            return;
        }

        here.Notify(devices, reason, runId);
        site.Send(SiteMessage.ForNotice(devices, reason, runId));
    }

    public Task<AgentNotification> WaitAsync(string deviceId, TimeSpan wait, CancellationToken cancellationToken) =>
        here.WaitAsync(deviceId, wait, cancellationToken);
}
