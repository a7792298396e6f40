using System.Diagnostics.CodeAnalysis;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// Each open run's last row this node committed or read, so that on PostgreSQL a transition skips the run's load: one
/// round trip (the commit) instead of two. Being stale is safe: the commit is guarded by the run's ConcurrencyVersion,
/// which every writer of a run moves, so a row another node (or anything else) changed since makes the commit write
/// nothing, and the transition forgets the row, loads the run and applies its event again, as on any lost race. Ended
/// runs are not kept, and the rows' text is bounded: past <see cref="Capacity"/> characters the cache starts afresh,
/// which also sheds the rows of runs another node finished.
/// </summary>
public sealed class RunRowCache
{
    /// <summary>Characters of state and work item kept at most (about 64 MB of UTF-16).</summary>
    internal const long Capacity = 32L * 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Dictionary<string, RunRow> rows = new(StringComparer.Ordinal);
    private long size;

    /// <summary>Rows kept now.</summary>
    internal int Count
    {
        get
        {
            lock (gate)
            {
                return rows.Count;
            }
        }
    }

    internal bool TryGet(string runId, [MaybeNullWhen(false)] out RunRow row)
    {
        lock (gate)
        {
            return rows.TryGetValue(runId, out row);
        }
    }

    /// <summary>
    /// Keeps the run's row unless a later version of it is known already: two requests of one run finishing out of
    /// order must not leave the older row behind (it would only cost a lost race, but one for nothing).
    /// </summary>
    internal void Remember(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var id = row.Progress.Id;
        lock (gate)
        {
            if (rows.TryGetValue(id, out var known))
            {
                if (known.Progress.ConcurrencyVersion > row.Progress.ConcurrencyVersion)
                {
                    return;
                }

                rows.Remove(id);
                size -= known.Size;
            }

            if (RunStatuses.HasEnded(row.Progress.Status))
            {
                return;
            }

            if (size + row.Size > Capacity)
            {
                rows.Clear();
                size = 0;
                if (row.Size > Capacity)
                {
                    return;
                }
            }

            rows[id] = row;
            size += row.Size;
        }
    }

    /// <summary>Drops the run's row: its commit lost to another writer, or failed.</summary>
    internal void Forget(string runId)
    {
        lock (gate)
        {
            if (rows.Remove(runId, out var known))
            {
                size -= known.Size;
            }
        }
    }
}
