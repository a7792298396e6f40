using System.Diagnostics;

namespace TsOrchestrator.Testing;

/// <summary>
/// Starts the real server with settings it must refuse and waits for it to stop by itself: what the operator would see
/// (exit code and everything it wrote). A server still running after two minutes fails the test, naming what it said.
/// </summary>
public static class RefusedServerStart
{
    public sealed record Outcome(int ExitCode, string Said);

    public static async Task<Outcome> RunAsync(string dataDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
        foreach (var argument in (string[])[RepositoryPaths.Built("TsOrchestrator.Server", "TsOrchestrator.Server.dll"), $"--Storage:DataDirectory={dataDirectory}", .. arguments])
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
            throw new InvalidOperationException($"the server kept running with settings it should have refused:\n{await output}\n{await error}");
        }

        return new Outcome(server.ExitCode, await output + await error);
    }
}
