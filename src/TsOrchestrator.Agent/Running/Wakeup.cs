namespace TsOrchestrator.Agent.Running;

/// <summary>Ends a wait early: set by the fast channel, awaited where the agent would otherwise wait out an interval.</summary>
internal sealed class Wakeup(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the current or the next wait; wakes that come together are one (the waiter looks at everything).</summary>
    public void Set()
    {
        lock (_lock)
        {
            _woken.TrySetResult();
        }
    }

    /// <summary>True when woken before <paramref name="timeout"/> ran out; the wake is then used up.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task woken;
        lock (_lock)
        {
            woken = _woken.Task;
        }

        try
        {
            await woken.WaitAsync(timeout, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        Reset();
        return true;
    }

    /// <summary>Forgets a wake that came while the agent was already doing what it would have woken for.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            if (_woken.Task.IsCompleted)
            {
                _woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
