namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// Which of the site's server URLs the agent talks to now. One at a time, kept while it answers; a connection failure,
/// time-out or 5xx moves every client of the agent (API, fast channel, state transfers) to the next URL in order, and
/// the last one wraps to the first. A 4xx is the server's answer, not its failure, and moves nothing. After
/// <see cref="FailBackAfter"/> on another server the agent tries its first again, so a fleet that failed over while a
/// node was down spreads back over the nodes in the order each agent was given once that node returns.
/// </summary>
internal sealed class ServerChoice
{
    /// <summary>Long enough that a node restarting or failing again is not hammered, short enough that the load evens out within the hour.</summary>
    public static readonly TimeSpan FailBackAfter = TimeSpan.FromMinutes(10);

    private readonly Uri[] _servers;
    private readonly AgentLog _log;
    private readonly TimeProvider _clock;
    private int _current;
    private long _movedAt;

    public ServerChoice(IReadOnlyList<Uri> servers, AgentLog log, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(servers.Count);
        _servers = [.. servers];
        _log = log;
        _clock = clock ?? TimeProvider.System;
    }

    public IReadOnlyList<Uri> Servers => _servers;

    public Uri Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            if (current != 0 && _clock.GetElapsedTime(Volatile.Read(ref _movedAt)) >= FailBackAfter &&
                Interlocked.CompareExchange(ref _current, 0, current) == current)
            {
                // Should the first still not answer, Failed moves on from it again as it did the first time.
                _log.Info($"trying the first server {_servers[0]} again after {FailBackAfter.TotalMinutes:0} minutes on {_servers[current]}");
                current = 0;
            }

            return _servers[current];
        }
    }

    /// <summary>
    /// <paramref name="server"/> did not answer: the next one is used from now on. Only the first of several calls
    /// that failed on the same server moves the choice (and says so), so concurrent failures do not skip a server.
    /// </summary>
    public void Failed(Uri server, string reason)
    {
        var index = Array.IndexOf(_servers, server);
        if (index < 0 || _servers.Length == 1)
        {
            return;
        }

        var next = (index + 1) % _servers.Length;
        Volatile.Write(ref _movedAt, _clock.GetTimestamp());
        if (Interlocked.CompareExchange(ref _current, next, index) == index)
        {
            _log.Warn($"server {server} unreachable ({reason}), using {_servers[next]}");
        }
    }

    /// <summary>The base address of the agent's clients: <see cref="ServerFailoverHandler"/> puts the chosen server in its place.</summary>
    public static readonly Uri Placeholder = new("http://tsorch-server.invalid/");

    /// <summary>
    /// The request's path and query on <paramref name="server"/> (whose own path, e.g. behind a proxy, is kept in front).
    /// The request may come as the client made it (on <see cref="Placeholder"/>) or as an earlier attempt sent it to
    /// another of the servers: the resilience pipeline sends the same request again.
    /// </summary>
    public Uri Rebase(Uri request, Uri server)
    {
        var text = request.AbsoluteUri;
        var from = _servers.Select(s => s.AbsoluteUri.TrimEnd('/') + "/").Append(Placeholder.AbsoluteUri)
            .Where(prefix => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .MaxBy(prefix => prefix.Length);
        return from is null ? request : new Uri(server.AbsoluteUri.TrimEnd('/') + "/" + text[from.Length..]);
    }
}
