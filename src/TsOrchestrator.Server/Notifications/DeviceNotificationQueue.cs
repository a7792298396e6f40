using System.Threading.Channels;

namespace TsOrchestrator.Server.Notifications;

/// <summary>
/// Saved changes waiting to be turned into device notifications. Which devices a change reaches is worked out off the
/// request that saved it, once per change (<see cref="DeviceNotificationDispatcher"/>), not per device per poll.
/// </summary>
internal sealed class DeviceNotificationQueue
{
    private readonly Channel<NotificationCause> _causes = Channel.CreateUnbounded<NotificationCause>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(NotificationCause cause) => _causes.Writer.TryWrite(cause);

    public ChannelReader<NotificationCause> Reader => _causes.Reader;
}
