using Microsoft.Data.Sqlite;
using Npgsql;

namespace TsOrchestrator.Server.Tests.StepSecrets;

/// <summary>
/// Every value of every table of a store, read with plain SQL beside the server (never through it), as one text per
/// row: what an attacker holding a copy of the database reads.
/// </summary>
internal static class StoreText
{
    public static async Task<List<string>> SqliteAsync(string file)
    {
        var rows = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var table in await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    byte[] blob => System.Text.Encoding.UTF8.GetString(blob),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                });
                rows.Add($"{table}: {string.Join(" | ", values)}");
            }
        }

        return rows;
    }

    public static async Task<List<string>> PostgresAsync(string connectionString)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = await ColumnAsync(connection, "SELECT table_schema || '.\"' || table_name || '\"' FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
        foreach (var table in tables)
        {
            rows.AddRange((await ColumnAsync(connection, $"SELECT row_to_json(t)::text FROM {table} t")).Select(row => $"{table}: {row}"));
        }

        return rows;
    }

    private static async Task<List<string>> ColumnAsync(System.Data.Common.DbConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
