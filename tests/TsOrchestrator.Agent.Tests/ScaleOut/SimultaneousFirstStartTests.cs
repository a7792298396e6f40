using System.Diagnostics;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.ScaleOut;

/// <summary>
/// Issue 15: two nodes brought up together on an empty database (as an orchestrator starts a new site's replicas) each
/// found no key and made one: two Data Protection keys and two first Full Administrator keys, one per node's data
/// folder. The site's first start is done by exactly one node; the other waits for it and adopts what it made (the
/// key ring, the admin key and the shared folder's site marker alike).
/// </summary>
public sealed class SimultaneousFirstStartTests
{
    private const string Skipped = "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL";

    [SkippableFact]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_make_one_key_ring_key_and_one_admin_key()
    {
        Skip.IfNot(TwoNodeSite.Available, Skipped);
        var database = $"tsorch_{Guid.NewGuid():N}";
        var keyFile = Path.Combine(Path.GetTempPath(), $"tsorch-site-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var shared = Directory.CreateTempSubdirectory("tsorch-site-shared-").FullName;
        string[] arguments = ["--Storage:Provider=Postgres", $"--Storage:PostgresConnectionString={TwoNodeSite.PostgresServer};Database={database}",
            $"--DataProtection:KeyFile={keyFile}", $"--Storage:SharedDirectory={shared}"];
        var node1 = new ServerProcess { ExtraArguments = arguments };
        var node2 = new ServerProcess { ExtraArguments = arguments };
        try
        {
            await Task.WhenAll(node1.InitializeAsync(), node2.InitializeAsync());

            var keyFiles = new[] { node1, node2 }.Where(node => File.Exists(Path.Combine(node.DataDirectory, "admin.key"))).ToList();
            keyFiles.Count.ShouldBe(1, $"exactly one node makes the first admin key\n--- node 1\n{node1.Log}\n--- node 2\n{node2.Log}");
            (await SiteAdmin.For(keyFiles[0]).ListApiKeysAsync()).ShouldHaveSingleItem();
            (await CountAsync(database, "DataProtectionKeys")).ShouldBe(1, "one key ring key for the site");
        }
        finally
        {
            await node1.DisposeAsync();
            await node2.DisposeAsync();
            File.Delete(keyFile);
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>Read with psql (PostgreSQL's own client, installed with the server by tools/postgres.sh): the tests hold no store code.</summary>
    private static async Task<int> CountAsync(string database, string table)
    {
        var settings = TwoNodeSite.PostgresServer!.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var psql = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-h", settings["Host"], "-p", settings["Port"], "-U", settings["Username"], "-d", database, "-tAc", $"select count(*) from \"{table}\""])
        {
            psql.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psql)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, error);
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
