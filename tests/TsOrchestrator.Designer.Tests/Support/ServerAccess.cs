using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>What the browser tests need of the server process besides the browser: API clients and keys of other roles.</summary>
public static class ServerAccess
{
    /// <summary>An API client with the given key (the admin key by default), for arranging data as any admin tool would.</summary>
    public static HttpClient Api(this ServerProcess server, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? server.Key);
        return client;
    }

    /// <summary>
    /// Adds an API key of another role straight into the server's SQLite store (the server has no key
    /// management API yet) and returns it; keys are stored as the SHA-256 of the key text.
    /// </summary>
    public static async Task<string> CreateKeyAsync(this ServerProcess server, string name, string role, string scopes = "*")
    {
        ArgumentNullException.ThrowIfNull(server);
        var key = "tsk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "tsorchestrator.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO ApiKeys (Id, CreatedAt, Hash, Name, Role, Scopes) VALUES ($id, 0, $hash, $name, $role, $scopes)";
        command.Parameters.AddWithValue("$id", name);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$scopes", scopes);
        await command.ExecuteNonQueryAsync();
        return key;
    }
}
