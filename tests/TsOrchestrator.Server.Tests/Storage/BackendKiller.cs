using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace TsOrchestrator.Server.Tests.Storage;

/// <summary>
/// Once armed, terminates the PostgreSQL backend under the next command that is not an API key lookup (authentication's,
/// which runs before the call itself), and waits until it is gone: the command then fails as a restart makes it fail,
/// at a known point inside the handler.
/// </summary>
internal sealed class BackendKiller(string serverConnectionString) : DbCommandInterceptor
{
    private int _armed;

    public int Kills { get; private set; }

    public void Arm() => Volatile.Write(ref _armed, 1);

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
        if (command.CommandText.Contains("\"ApiKeys\"", StringComparison.Ordinal) || command.Connection is not NpgsqlConnection { ProcessID: var pid }
            || Interlocked.Exchange(ref _armed, 0) == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection($"{serverConnectionString};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", connection);
        kill.Parameters.AddWithValue("pid", pid);
        await kill.ExecuteScalarAsync(cancellationToken);
        Kills++;
    }
}
