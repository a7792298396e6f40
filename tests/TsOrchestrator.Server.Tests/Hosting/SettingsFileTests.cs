using System.Diagnostics;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: the site's settings file (the package's /etc/tsorchestrator/server.json) over appsettings.json.</summary>
public sealed class SettingsFileTests
{
    [Fact]
    public async Task Settings_file_named_by_TSORCH_SETTINGS_overrides_appsettings()
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-settings-");
        try
        {
            // The store's file name: appsettings.json says tsorchestrator.db; the site's file another.
            var settings = Path.Combine(folder.FullName, "server.json");
            await File.WriteAllTextAsync(settings, """{"Storage": {"SqliteFileName": "from-settings-file.db"}}""");
            var server = new ServerProcess { EnvironmentVariables = new Dictionary<string, string> { ["TSORCH_SETTINGS"] = settings } };
            try
            {
                await server.InitializeAsync();
                File.Exists(Path.Combine(server.DataDirectory, "from-settings-file.db")).ShouldBeTrue(server.Log);
                File.Exists(Path.Combine(server.DataDirectory, "tsorchestrator.db")).ShouldBeFalse();
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

    [Fact]
    public async Task Command_line_overrides_the_settings_file()
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-settings-");
        try
        {
            var settings = Path.Combine(folder.FullName, "server.json");
            await File.WriteAllTextAsync(settings, """{"Storage": {"SqliteFileName": "from-settings-file.db"}}""");
            var server = new ServerProcess { ExtraArguments = ["--settings", settings, "--Storage:SqliteFileName=from-command-line.db"] };
            try
            {
                await server.InitializeAsync();
                File.Exists(Path.Combine(server.DataDirectory, "from-command-line.db")).ShouldBeTrue(server.Log);
                File.Exists(Path.Combine(server.DataDirectory, "from-settings-file.db")).ShouldBeFalse();
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

    [Fact]
    public async Task Missing_settings_file_named_by_the_operator_stops_the_server_with_a_message()
    {
        var data = Directory.CreateTempSubdirectory("tsorch-settings-");
        try
        {
            var missing = Path.Combine(data.FullName, "absent.json");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data.FullName };
            foreach (var argument in (string[])[RepositoryPaths.Built("TsOrchestrator.Server", "TsOrchestrator.Server.dll"), "--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={data.FullName}", "--settings", missing])
            {
                start.ArgumentList.Add(argument);
            }

            using var server = Process.Start(start)!;
            var output = server.StandardOutput.ReadToEndAsync();
            var error = server.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                server.Kill(entireProcessTree: true);
                throw new ShouldAssertException($"the server started without the settings file it was given:\n{await output}\n{await error}");
            }

            var said = await output + await error;
            server.ExitCode.ShouldBe(1, said);
            said.ShouldContain($"the settings file {missing}");
            said.ShouldNotContain("   at ", customMessage: said);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
