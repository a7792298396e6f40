using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Tests.Support;

/// <summary>
/// The real server on a real SQLite file in a fresh temp folder. Content may come from any folder under the temp
/// folder (the data folder excepted, as always) unless the test names its own source root.
/// </summary>
public sealed class ServerFactory(string? postgresConnectionString = null, string? dataDirectory = null, int secondsPerRunTimeMinute = 60,
    string? postgresDatabase = null, string? sourceRoot = null, bool unknownComputerSupport = true, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The test PostgreSQL server tools/test.sh starts, or null when there is none.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("TSORCH_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public const string EnrollmentToken = "test-enrollment-token";

    /// <summary>The data folder; one given by the caller outlives this factory (a server restart).</summary>
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));

    private readonly bool _ownsDataDirectory = dataDirectory is null;

    /// <summary>The folder under which a package's source folder may lie (Content:SourceRoots).</summary>
    public string SourceRoot { get; } = sourceRoot ?? Path.GetTempPath();

    /// <summary>A folder of this factory's own for source folders, outside the data folder and under the default root.</summary>
    public string SourcesDirectory { get; } = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N") + "-sources");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Content:SourceRoots:0", SourceRoot);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // The factory's environment is Development, whose appsettings file turns TsOrchestrator.* up to Debug.
        builder.UseSetting("Logging:LogLevel:TsOrchestrator", "Warning");
        builder.UseSetting("Agents:EnrollmentToken", EnrollmentToken);
        builder.UseSetting("Agents:UnknownComputerSupport", unknownComputerSupport ? "true" : "false");
        builder.UseSetting("Scheduling:SecondsPerRunTimeMinute", secondsPerRunTimeMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Scheduling:DeadlineCheckSeconds", "1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        if (postgresConnectionString is not null)
        {
            // A database of its own per factory, unless the test runs several nodes of one site.
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("Storage:PostgresConnectionString", $"{postgresConnectionString};Database={postgresDatabase ?? NewPostgresDatabaseName()}");
            if (postgresDatabase is not null)
            {
                // Nodes of one site (or one node restarted on another data folder) share the key ring's key file.
                builder.UseSetting("DataProtection:KeyFile", SiteKeyFile(postgresDatabase));

                // And the site's shared folder (content library, import previews), as every node of a site names it.
                builder.UseSetting("Storage:SharedDirectory", SiteSharedDirectory(postgresDatabase));
            }

            builder.UseSetting("Scheduling:IdleWaitSeconds", "1");
        }
    }

    public static string NewPostgresDatabaseName() => $"tsorch_{Guid.NewGuid():N}";

    /// <summary>
    /// The key file of the site on <paramref name="database"/>: its key follows from the database's name, so a node
    /// started after another one's factory deleted the file gets the same key.
    /// </summary>
    private static string SiteKeyFile(string database)
    {
        var path = Path.Combine(Path.GetTempPath(), "tsorch-tests", $"{database}.key");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"tsorch-test-site:{database}"))));
        return path;
    }

    private static string SiteSharedDirectory(string database) => Path.Combine(Path.GetTempPath(), "tsorch-tests", $"{database}-shared");

    /// <summary>
    /// Deletes the shared folder of the site on <paramref name="database"/>: the test that made the site does, once its
    /// last node is gone (a node started again after another's factory was disposed still finds the site's marker).
    /// </summary>
    public static void DeleteSiteFolder(string database)
    {
        if (Directory.Exists(SiteSharedDirectory(database)))
        {
            Directory.Delete(SiteSharedDirectory(database), recursive: true);
        }
    }

    /// <summary>The key the server wrote on its first start (starting the host if it has not started yet).</summary>
    public string AdminKey
    {
        get
        {
            _ = Services;
            return File.ReadAllText(Path.Combine(DataDirectory, AdminKeyBootstrapper.KeyFileName)).Trim();
        }
    }

    public HttpClient AdminClient() => ClientWithKey(AdminKey);

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The agent API as an agent calls it (Refit over the contracts), optionally with a device key.</summary>
    public Contracts.Agents.IAgentApi Agent(string? deviceKey = null)
    {
        var client = CreateClient();
        if (deviceKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", deviceKey);
        }

        return Refit.RestService.For<Contracts.Agents.IAgentApi>(client, new Refit.RefitSettings { ContentSerializer = new Refit.SystemTextJsonContentSerializer(Api.Json) });
    }

    /// <summary>Adds an API key with the given role straight into the store and returns it.</summary>
    public async Task<string> CreateKeyAsync(string name, string role, string scopes = "*")
    {
        _ = Services; // make sure the host (and its store) exists
        var key = ApiKeys.NewKey();
        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        store.ApiKeys.Add(new ApiKeyEntity { Id = name, Name = name, Hash = ApiKeys.Hash(key), Role = role, Scopes = scopes, CreatedAt = DateTimeOffset.UnixEpoch });
        await store.SaveChangesAsync();
        return key;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(SourcesDirectory))
        {
            Directory.Delete(SourcesDirectory, recursive: true);
        }

        if (disposing && postgresDatabase is not null)
        {
            File.Delete(Path.Combine(Path.GetTempPath(), "tsorch-tests", $"{postgresDatabase}.key"));
        }

        if (disposing && _ownsDataDirectory && Directory.Exists(DataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
