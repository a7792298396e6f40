using System.Net;
using System.Text.Json;
using Refit;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// The agent's end of the fast channel: one long poll held at a time, so an operator's change reaches the device in a
/// moment. A server without the channel (404) or a channel that fails leaves the device on its interval check-in; the
/// channel is tried again with backoff. Idle, it costs one request per <see cref="Wait"/>.
/// </summary>
internal sealed class NotificationChannel(IAgentChannelApi server, AgentLog log, TimeProvider clock)
{
    /// <summary>How long the server may hold a poll (it caps this with its own setting).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(50);

    /// <summary>A server without the channel is asked again this rarely: it may have been upgraded meanwhile.</summary>
    private static readonly TimeSpan NotOffered = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Polls until cancelled, handing every notification with a reason to <paramref name="notified"/>.</summary>
    public async Task ListenAsync(Action<AgentNotification> notified, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        var open = true;
        var notOfferedSaid = false;
        log.Info("fast channel: listening for the server's notifications (the interval check-in goes on beside it)");
        while (!cancellationToken.IsCancellationRequested)
        {
            var asked = clock.GetTimestamp();
            AgentNotification notice;
            try
            {
                notice = await server.WaitForNotificationAsync((int)Wait.TotalSeconds, cancellationToken);
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                if (!notOfferedSaid)
                {
                    log.Info($"the server has no fast channel ({ServerCalls.Describe(ex)}): checking in on the interval only; asking again every {NotOffered.TotalMinutes:0} min");
                    notOfferedSaid = true;
                }

                open = false;
                await Task.Delay(NotOffered, clock, cancellationToken);
                continue;
            }
            catch (Exception ex) when (ServerCalls.IsOutage(ex, cancellationToken) || ex is ApiException or JsonException)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                if (open || backoff == TimeSpan.FromSeconds(1))
                {
                    log.Warn($"fast channel: {ServerCalls.Describe(ex)}; checking in on the interval meanwhile, trying the channel again with backoff");
                }

                open = false;
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), clock, cancellationToken);
                continue;
            }

            if (!open)
            {
                log.Info("fast channel open again: the server tells this device when to check in");
                open = true;
                notOfferedSaid = false;
            }

            backoff = TimeSpan.Zero;
            if (notice.Reasons is { Count: > 0 })
            {
                notified(notice);
            }
            else if (clock.GetElapsedTime(asked) < TimeSpan.FromSeconds(1))
            {
                // An empty answer should come only after the wait: a server answering at once must not be asked in a busy loop.
                await Task.Delay(TimeSpan.FromSeconds(5), clock, cancellationToken);
            }
        }
    }
}
