using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: the site's settings file (the package's /etc/tsorchestrator/server.json) over appsettings.json.</summary>
public sealed class SettingsFileTests
{
    [Fact]
    public Task Settings_file_named_by_TSORCH_SETTINGS_overrides_appsettings() =>
        // The store's file name: appsettings.json says tsorchestrator.db; the site's file another.
        StoreFileNameIsAsync("from-settings-file.db", "tsorchestrator.db",
            settings => new ServerProcess { EnvironmentVariables = new Dictionary<string, string> { ["TSORCH_SETTINGS"] = settings } });

    [Fact]
    public Task Command_line_overrides_the_settings_file() =>
        StoreFileNameIsAsync("from-command-line.db", "from-settings-file.db",
            settings => new ServerProcess { ExtraArguments = ["--settings", settings, "--Storage:SqliteFileName=from-command-line.db"] });

    [Fact]
    public async Task Missing_settings_file_named_by_the_operator_stops_the_server_with_a_message()
    {
        var data = Directory.CreateTempSubdirectory("tsorch-settings-");
        try
        {
            var missing = Path.Combine(data.FullName, "absent.json");
            var (exitCode, said) = await RefusedServerStart.RunAsync(data.FullName, "--urls", "http://127.0.0.1:0", "--settings", missing);
            exitCode.ShouldBe(1, said);
            said.ShouldContain($"the settings file {missing}");
            said.ShouldNotContain("   at ", customMessage: said);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Starts a server given a settings file naming the store from-settings-file.db and checks which name won.</summary>
    private static async Task StoreFileNameIsAsync(string expected, string notExpected, Func<string, ServerProcess> serverWithSettings)
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-settings-");
        try
        {
            var settings = Path.Combine(folder.FullName, "server.json");
            await File.WriteAllTextAsync(settings, """{"Storage": {"SqliteFileName": "from-settings-file.db"}}""");
            var server = serverWithSettings(settings);
            try
            {
                await server.InitializeAsync();
                File.Exists(Path.Combine(server.DataDirectory, expected)).ShouldBeTrue(server.Log);
                File.Exists(Path.Combine(server.DataDirectory, notExpected)).ShouldBeFalse();
            }
            finally
            {
                await server.DisposeAsync();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
