using Microsoft.Data.Sqlite;
using Npgsql;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.StepSecrets;

/// <summary>
/// Step secrets (a domain-join password, secret Set Dynamic Variables values) are stored encrypted wherever the server
/// keeps them — versions, run definitions, a run's pending work item and its variables — read back with plain SQL, and
/// reach the device in clear; a store written in clear before is encrypted at the next start.
/// </summary>
public sealed class StepSecretsAtRestTests
{
    [Fact]
    public async Task Step_secrets_are_stored_encrypted_in_sqlite_and_reach_the_device_in_clear()
    {
        using var server = new ServerFactory();
        var sqlite = Path.Combine(server.DataDirectory, "tsorchestrator.db");
        await StoredEncryptedAndDispatchedInClearAsync(server, () => StoreText.SqliteAsync(sqlite));
    }

    [SkippableFact]
    public async Task Step_secrets_are_stored_encrypted_in_postgres_and_reach_the_device_in_clear()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var database = ServerFactory.NewPostgresDatabaseName();
        try
        {
            using var server = new ServerFactory(ServerFactory.PostgresServer, postgresDatabase: database);
            await StoredEncryptedAndDispatchedInClearAsync(server, () => StoreText.PostgresAsync($"{ServerFactory.PostgresServer};Database={database}"));
        }
        finally
        {
            await DropAsync(database);
            ServerFactory.DeleteSiteFolder(database);
        }
    }

    [Fact]
    public async Task A_sqlite_store_holding_step_secrets_in_clear_is_encrypted_at_the_next_start()
    {
        var data = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var sqlite = Path.Combine(data, "tsorchestrator.db");
            await EncryptedAtNextStartAsync(() => new ServerFactory(dataDirectory: data), () => StoreText.SqliteAsync(sqlite));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_postgres_store_holding_step_secrets_in_clear_is_encrypted_at_the_next_start()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        var data = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        var database = ServerFactory.NewPostgresDatabaseName();
        try
        {
            await EncryptedAtNextStartAsync(() => new ServerFactory(ServerFactory.PostgresServer, dataDirectory: data, postgresDatabase: database),
                () => StoreText.PostgresAsync($"{ServerFactory.PostgresServer};Database={database}"));
        }
        finally
        {
            await DropAsync(database);
            ServerFactory.DeleteSiteFolder(database);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Validation_counts_an_encrypted_password_as_set()
    {
        var join = (StepNode)SecretRun.Steps[1];
        TaskSequence With(string password) => new()
        {
            Id = "TSSECRET", Name = "Encrypted",
            Nodes = [join with { Settings = new Dictionary<string, string>(join.Settings) { ["DomainPassword"] = password } }],
        };

        SequenceValidator.Validate(With("enc1:CfDJ8payload")).Problems.Where(p => p.Field == "settings.DomainPassword").ShouldBeEmpty();
        SequenceValidator.Validate(With("********")).Problems.ShouldContain(p => p.Field == "settings.DomainPassword");
    }

    private static async Task StoredEncryptedAndDispatchedInClearAsync(ServerFactory server, Func<Task<List<string>>> storeText)
    {
        var run = await SecretRun.StartAsync(server);
        SecretRun.ShouldHoldNoClearSecret(await storeText());

        await run.SetDynamicVariablesAsync(server);
        SecretRun.ShouldHoldNoClearSecret(await storeText()); // the join step is pending, the dynamic secrets are in the run's variables

        (await run.JoinAndFinishAsync(server, async () => SecretRun.ShouldHoldNoClearSecret(await storeText()))).Status.ShouldBe("Succeeded");
        SecretRun.ShouldHoldNoClearSecret(await storeText());
    }

    private static async Task EncryptedAtNextStartAsync(Func<ServerFactory> start, Func<Task<List<string>>> storeText)
    {
        SecretRun run;
        using (var before = start())
        {
            run = await SecretRun.StartAsync(before);
            await run.SetDynamicVariablesAsync(before);
            await PreviousStore.WriteSecretsInClearAsync(before);
            var written = await storeText();
            foreach (var clear in SecretRun.ClearTexts)
            {
                written.ShouldContain(r => r.Contains(clear, StringComparison.Ordinal), $"the previous store should hold '{clear}' in clear");
            }
        }

        SqliteConnection.ClearAllPools();
        using var after = start();
        _ = after.Services;
        SecretRun.ShouldHoldNoClearSecret(await storeText());

        // The run in flight goes on from its stored definition, now encrypted, and its device still gets every secret in clear.
        (await run.JoinAndFinishAsync(after, async () => SecretRun.ShouldHoldNoClearSecret(await storeText()))).Status.ShouldBe("Succeeded");
        SecretRun.ShouldHoldNoClearSecret(await storeText());
    }

    private static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerFactory.PostgresServer);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
