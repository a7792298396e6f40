using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Holds the <see cref="SqliteWriteGate"/> for the length of every EF Core save on SQLite. A save ends in exactly one
/// of SavedChanges, SaveChangesFailed or SaveChangesCanceled, except one refused by a concurrency token: since EF
/// Core 7 that raises only ThrowingConcurrencyException (dotnet/efcore#30445), and a gate released only in the other
/// three stayed taken for good, so every later write of the process waited forever. The gate is released by whichever
/// of the four comes, and only by a save that holds it: one cancelled while it waited here never took it, and
/// releasing it anyway would let two writers in.
/// </summary>
internal sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : SaveChangesInterceptor
{
    private static readonly object Held = new();
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await gate.EnterAsync(cancellationToken);
        Hold(eventData.Context);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        gate.EnterAsync(CancellationToken.None).GetAwaiter().GetResult();
        Hold(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData);

    // Raised before the save's transaction rolls back: the next writer may wait a moment in SQLite's busy handler.
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        Release(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData);
        return result;
    }

    private void Hold(DbContext? context)
    {
        if (context is null)
        {
            gate.Exit();
            throw new InvalidOperationException("a save without its context cannot be tracked at the SQLite write gate");
        }

        _holders.AddOrUpdate(context, Held);
    }

    private void Release(DbContextEventData? eventData)
    {
        if (eventData?.Context is { } context && _holders.Remove(context))
        {
            gate.Exit();
        }
    }
}
