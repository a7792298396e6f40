using Xunit;

namespace TsOrchestrator.Testing;

/// <summary>
/// A site of two real server processes on one PostgreSQL database (the test PostgreSQL that tools/test.sh starts,
/// <c>TSORCH_TEST_POSTGRES</c>), each with its own port and data folder and one shared folder (the content library,
/// import previews: <c>Storage:SharedDirectory</c>, as an NFS share would be), as two nodes behind a load balancer are.
/// Node 1 starts first and creates the schema and the first admin key; node 2 gets that key file, so
/// <see cref="SiteAdmin.For"/> works against either node. Without PostgreSQL nothing starts: tests skip on
/// <see cref="Available"/>.
/// </summary>
public sealed class TwoNodeSite : IAsyncLifetime
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("TSORCH_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool Available => PostgresServer is not null;

    /// <summary>The database both nodes share, made fresh for this site.</summary>
    public string Database { get; } = $"tsorch_{Guid.NewGuid():N}";

    /// <summary>The site's shared folder both nodes name with <c>Storage:SharedDirectory</c>, made fresh for this site.</summary>
    public string SharedDirectory { get; } = Directory.CreateTempSubdirectory("tsorch-site-shared-").FullName;

    /// <summary>Configuration both nodes get on top of the PostgreSQL store and the shared folder.</summary>
    public IReadOnlyList<string> SharedArguments { get; init; } = [];

    /// <summary>
    /// The key file that encrypts the site's key ring in the store (<c>DataProtection:KeyFile</c>), the same for both
    /// nodes as every node of a site needs; written fresh for this site.
    /// </summary>
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"tsorch-site-{Guid.NewGuid():N}.key");

    /// <summary>What both nodes are started with: the shared store, folder and key file, then <see cref="SharedArguments"/>.</summary>
    public IReadOnlyList<string> NodeArguments =>
        ["--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={ConnectionString}", $"--Storage:SharedDirectory={SharedDirectory}",
            $"--DataProtection:KeyFile={KeyFile}", .. SharedArguments];

    public ServerProcess Node1 { get; private set; } = null!;

    public ServerProcess Node2 { get; private set; } = null!;

    public string ConnectionString => $"{PostgresServer};Database={Database}";

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var arguments = NodeArguments;
        Node1 = new ServerProcess { ExtraArguments = arguments };
        await Node1.InitializeAsync();

        // The first admin key is written once, by the node that made it; an operator hands it around the same way.
        Node2 = new ServerProcess { ExtraArguments = arguments };
        File.Copy(Path.Combine(Node1.DataDirectory, "admin.key"), Path.Combine(Node2.DataDirectory, "admin.key"));
        await Node2.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Node2 is not null)
        {
            await Node2.DisposeAsync();
        }

        if (Node1 is not null)
        {
            await Node1.DisposeAsync();
        }

        File.Delete(KeyFile);
        if (Directory.Exists(SharedDirectory))
        {
            Directory.Delete(SharedDirectory, recursive: true);
        }
    }
}
