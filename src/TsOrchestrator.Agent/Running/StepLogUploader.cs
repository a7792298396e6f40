using System.Text;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// Streams a running step's log to the server in chunks, twice a second at most, so the operator sees it live.
/// Logs are a view, not a result: through an outage they wait in memory (bounded) and the step never waits for
/// them; the full log stays in the agent's log folder whatever happens.
/// </summary>
internal sealed class StepLogUploader : IAsyncDisposable
{
    private const int MaxPending = 1024 * 1024;
    private const int MaxChunk = 32 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FinalFlush = TimeSpan.FromSeconds(5);

    private readonly IAgentApi _api;
    private readonly string _runId;
    private readonly string _workItemId;
    private readonly AgentLog _log;
    private readonly Lock _gate = new();
    private readonly StringBuilder _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sent;
    private bool _dropped;
    private bool _warned;

    public StepLogUploader(IAgentApi api, string runId, string workItemId, AgentLog log)
    {
        (_api, _runId, _workItemId, _log) = (api, runId, workItemId, log);
        _loop = Task.Run(LoopAsync);
    }

    public void Append(string line)
    {
        lock (_gate)
        {
            if (_pending.Length + line.Length + 1 > MaxPending)
            {
                if (!_dropped)
                {
                    _pending.Append("[the server is not taking the log: the rest is in the agent's log folder]\n");
                    _dropped = true;
                }

                return;
            }

            _pending.Append(line).Append('\n');
        }
    }

    /// <summary>
    /// Sends what is left, within a few seconds; the step's result does not wait longer than that. Never throws: a
    /// server that does not take the rest in time costs the live view only (the full log stays in the log folder).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        using var budget = new CancellationTokenSource(FinalFlush);
        try
        {
            while (await FlushAsync(budget.Token))
            {
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            _log.Warn($"step log of {_workItemId}: the server did not take the rest within {FinalFlush.TotalSeconds:0} s; it is kept in the agent's log folder");
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, _stop.Token);
                while (await FlushAsync(_stop.Token))
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The step ended; DisposeAsync sends the rest.
        }
    }

    /// <summary>Sends one chunk; true when one was sent and more may follow.</summary>
    private async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        string text;
        long offset;
        lock (_gate)
        {
            if (_pending.Length == 0)
            {
                return false;
            }

            text = _pending.ToString(0, Math.Min(_pending.Length, MaxChunk));
            offset = _sent;
        }

        try
        {
            await _api.AppendStepLogAsync(_runId, _workItemId, new StepLogChunk { Offset = offset, Text = text }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!_warned)
            {
                _log.Warn($"step log of {_workItemId} not sent ({ServerCalls.Describe(e)}); it is kept in the agent's log folder");
                _warned = true;
            }

            return false;
        }

        lock (_gate)
        {
            _pending.Remove(0, text.Length);
            _sent += text.Length;
        }

        return true;
    }
}
