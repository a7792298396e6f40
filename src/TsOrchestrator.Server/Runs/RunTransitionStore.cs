using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// The read half of the server's hottest path, in plain ADO.NET over the store's own connection: a run's
/// hot columns (and whether the site has secret variables). EF Core's change tracking costs more than the commit itself here (measured: about 980
/// transitions/s through EF against 2,300/s for the same statements by hand). The write half is
/// <see cref="RunCommitWriter"/>.
/// </summary>
internal sealed class RunTransitionStore(StoreContext store)
{
    public async Task<RunRow?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        await using var command = Command("""
            SELECT "Status", "State", "PendingWorkItem", "CurrentStep", "ConcurrencyVersion", "DefinitionHash", "HistoryCount", "DeviceId",
                "InspectionBytes", "InspectionCappedAt", EXISTS (SELECT 1 FROM "Variables" WHERE "Secret")
            FROM "Runs" WHERE "Id" = @id
            """);
        Add(command, "@id", runId);
        if (command is Npgsql.NpgsqlCommand)
        {
            // PostgreSQL keeps it prepared on each pooled connection: planned once per connection, not once per transition.
            await command.PrepareAsync(cancellationToken);
        }

        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        AnySecrets = reader.GetBoolean(10);
        var progress = new RunProgress(runId, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4));
        return new RunRow(progress, reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(8),
            reader.IsDBNull(9) ? null : reader.GetInt32(9));
    }

    /// <summary>
    /// Whether any secret variable exists, asked along with the run: the agent's answer to a transition needs to know, and
    /// a query of its own was one more round trip on every result.
    /// </summary>
    public bool AnySecrets { get; private set; }

    private DbCommand Command(string sql)
    {
        var command = store.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
