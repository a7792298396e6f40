using System.Diagnostics;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>
/// Times every agent call on the wire. Long polls (<c>wait</c> &gt; 0) wait for work on purpose and are left out:
/// what matters is how long the server takes to answer a device that has something to say.
/// </summary>
internal sealed class CallLatencies : DelegatingHandler
{
    private readonly long[] _ticks;
    private int _count;

    public CallLatencies(HttpMessageHandler inner, int capacity) : base(inner)
    {
        _ticks = new long[capacity];
    }

    public int Count => Math.Min(_count, _ticks.Length);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (request.RequestUri?.Query is not { } query || !query.Contains("wait=", StringComparison.Ordinal) || query.Contains("wait=0", StringComparison.Ordinal))
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            if (slot < _ticks.Length)
            {
                _ticks[slot] = Stopwatch.GetTimestamp() - started;
            }
        }

        return response;
    }

    /// <summary>The latency at each percentile, in milliseconds.</summary>
    public double[] Percentiles(params double[] percentiles)
    {
        var sorted = _ticks.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        return percentiles.Select(p => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency).ToArray();
    }
}
