using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace TsOrchestrator.Server.Tests.Storage;

/// <summary>
/// Once armed, terminates the PostgreSQL backend under the next command that names the armed table, and waits until it is
/// gone: the command then fails as a restart makes it fail, at a known point inside the handler. The table keeps the
/// node's background work (heartbeats, scheduled jobs), which may run a command at any moment, from taking the kill.
/// </summary>
internal sealed class BackendKiller(string serverConnectionString) : DbCommandInterceptor
{
    private string? _table;
    private int _kills;

    public int Kills => Volatile.Read(ref _kills);

    /// <param name="table">The table the command must name, e.g. <c>TaskSequences</c>.</param>
    public void Arm(string table) => Volatile.Write(ref _table, $"\"{table}\"");

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await KillIfArmedAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await KillIfArmedAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await KillIfArmedAsync(command, cancellationToken);
        return result;
    }

    private async Task KillIfArmedAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var table = Volatile.Read(ref _table);
        if (table is null || !command.CommandText.Contains(table, StringComparison.Ordinal) || command.Connection is not NpgsqlConnection { ProcessID: var pid }
            || Interlocked.CompareExchange(ref _table, null, table) != table)
        {
            return;
        }

        await using var connection = new NpgsqlConnection($"{serverConnectionString};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", connection);
        kill.Parameters.AddWithValue("pid", pid);
        await kill.ExecuteScalarAsync(cancellationToken);
        Interlocked.Increment(ref _kills);
    }
}
