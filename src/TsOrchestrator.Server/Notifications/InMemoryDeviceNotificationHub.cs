using System.Collections.Concurrent;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Server.Notifications;

/// <summary>
/// One mailbox per device on this node. A held poll costs a task completion source and a timer, no thread: thousands of
/// devices wait on one node for the price of their sockets.
/// </summary>
public sealed class InMemoryDeviceNotificationHub(TimeProvider clock) : IDeviceNotificationHub
{
    private static readonly AgentNotification Nothing = new();
    private readonly ConcurrentDictionary<string, Mailbox> _mailboxes = new(StringComparer.Ordinal);

    /// <summary>Polls held now (for the benchmark's and the tests' view of the channel).</summary>
    public int Waiting => _mailboxes.Values.Count(m => m.HasWaiter);

    public void Notify(IEnumerable<string> deviceIds, string reason, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        foreach (var deviceId in deviceIds)
        {
            _mailboxes.GetOrAdd(deviceId, static _ => new Mailbox()).Post(reason, runId);
        }
    }

    public async Task<AgentNotification> WaitAsync(string deviceId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var mailbox = _mailboxes.GetOrAdd(deviceId, static _ => new Mailbox());
        if (mailbox.TakeOrWait(out var waiter) is { } pending)
        {
            return pending;
        }

        if (wait <= TimeSpan.Zero)
        {
            return mailbox.Leave(waiter) ?? Nothing;
        }

        // The timer is stopped as soon as the poll is answered: a held poll keeps no timer once it is over.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, clock, timeout.Token);
        var answered = await Task.WhenAny(waiter.Task, delay).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        if (answered == waiter.Task)
        {
            return await waiter.Task.ConfigureAwait(false);
        }

        // Ran out, or the device left: a notification that raced either is the device's, now or at its next poll.
        var raced = mailbox.Leave(waiter);
        if (cancellationToken.IsCancellationRequested)
        {
            if (raced is not null)
            {
                mailbox.Return(raced);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        return raced ?? Nothing;
    }

    private sealed class Mailbox
    {
        private readonly Lock _lock = new();
        private readonly List<string> _reasons = [];
        private readonly List<string> _runIds = [];

        private TaskCompletionSource<AgentNotification>? Waiter { get; set; }

        public bool HasWaiter
        {
            get
            {
                lock (_lock)
                {
                    return Waiter is not null;
                }
            }
        }

        public void Post(string reason, string? runId)
        {
            TaskCompletionSource<AgentNotification>? waiter;
            AgentNotification notice;
            lock (_lock)
            {
                Add(_reasons, reason);
                if (runId is not null)
                {
                    Add(_runIds, runId);
                }

                if (Waiter is null)
                {
                    return;
                }

                waiter = Waiter;
                Waiter = null;
                notice = TakeLocked();
            }

            waiter.TrySetResult(notice);
        }

        /// <summary>The pending notification, taken; or null with <see cref="Waiter"/> set for this poll.</summary>
        public AgentNotification? TakeOrWait(out TaskCompletionSource<AgentNotification> waiter)
        {
            TaskCompletionSource<AgentNotification>? superseded;
            lock (_lock)
            {
                if (_reasons.Count > 0)
                {
                    waiter = null!;
                    return TakeLocked();
                }

                // A device polls once at a time: an older poll still held is one whose connection the agent gave up on.
                superseded = Waiter;
                waiter = new TaskCompletionSource<AgentNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
                Waiter = waiter;
            }

            superseded?.TrySetResult(Nothing);
            return null;
        }

        /// <summary>The poll stops waiting; what was posted to it meanwhile, if anything.</summary>
        public AgentNotification? Leave(TaskCompletionSource<AgentNotification> waiter)
        {
            lock (_lock)
            {
                if (ReferenceEquals(Waiter, waiter))
                {
                    Waiter = null;
                }
            }

            // Post may have answered it just before: that answer is the device's.
            return waiter.Task.IsCompletedSuccessfully ? waiter.Task.Result : null;
        }

        /// <summary>A notification its poll could not deliver (the device left): kept for the next poll.</summary>
        public void Return(AgentNotification notice)
        {
            lock (_lock)
            {
                foreach (var reason in notice.Reasons)
                {
                    Add(_reasons, reason);
                }

                foreach (var runId in notice.RunIds)
                {
                    Add(_runIds, runId);
                }
            }
        }

        private AgentNotification TakeLocked()
        {
            var notice = new AgentNotification { Reasons = [.. _reasons], RunIds = [.. _runIds] };
            _reasons.Clear();
            _runIds.Clear();
            return notice;
        }

        private static void Add(List<string> list, string value)
        {
            if (!list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }
    }
}
