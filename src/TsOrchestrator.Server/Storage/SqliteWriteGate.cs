namespace TsOrchestrator.Server.Storage;

/// <summary>
/// SQLite takes one writer at a time. Left to itself, a writer that finds the lock taken sleeps in SQLite's busy
/// handler on a growing ladder (1, 2, 5, ... 100 ms) and, under a steady stream of group commits, can starve for
/// hundreds of milliseconds. Writers of this process queue here instead and go the moment the lock is free.
/// Covered: every EF Core save and the run commit writer. Bulk statements (ExecuteUpdate/Delete, raw SQL) still
/// wait in SQLite's busy handler, and an explicit transaction must not span two saves (it would hold SQLite's lock
/// while waiting here).
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task EnterAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    public void Exit() => _gate.Release();

    public void Dispose() => _gate.Dispose();
}
