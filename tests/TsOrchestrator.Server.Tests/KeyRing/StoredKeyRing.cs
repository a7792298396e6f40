using Microsoft.Data.Sqlite;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.KeyRing;

/// <summary>The key ring rows of a stopped or running server's SQLite store, read with a connection of the test's own.</summary>
internal static class StoredKeyRing
{
    public static List<string> Keys(string dataDirectory) => Query(dataDirectory, "SELECT Xml FROM DataProtectionKeys");

    public static void Forget(string dataDirectory) => Query(dataDirectory, "DELETE FROM DataProtectionKeys");

    private static List<string> Query(string dataDirectory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, new StorageOptions().SqliteFileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
