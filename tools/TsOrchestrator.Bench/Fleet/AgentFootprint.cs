using System.Diagnostics;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>The real <c>tsorch-agent</c> process: its size on disk, idle memory and time from start to first check-in.</summary>
internal static class AgentFootprint
{
    public static async Task MeasureAsync(ServerProcess server, TextWriter output)
    {
        var agentDll = RepositoryPaths.Built("TsOrchestrator.Agent", "tsorch-agent.dll");
        var folder = Path.GetDirectoryName(agentDll)!;
        var state = Directory.CreateTempSubdirectory("tsorch-footprint-").FullName;
        try
        {
            // Everything the agent ships beside the shared .NET runtime: its own and its packages' assemblies.
            var bytes = Directory.GetFiles(folder, "*.dll").Sum(f => new FileInfo(f).Length);
            output.WriteLine($"{"agent size (framework-dependent assemblies)",-44}{bytes / 1024.0 / 1024.0,12:N1} MB   target ≤ 20 MB (Native AOT)");

            (await RunOnceAsync(agentDll, server, state)).ShouldSucceed("registration");
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                (await RunOnceAsync(agentDll, server, state)).ShouldSucceed("check-in");
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"{"agent start → one check-in → exit (median of 5)",-44}{times[2],12:N0} ms   target ≤ 200 ms  {(times[2] <= 200 ? "PASS" : "MISS")}");

            using var idle = Start(agentDll, server, state, "run", "--check-in-interval", "300");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var rss = ProcStatus.KilobytesOf(idle.Id, "VmRSS") / 1024.0;
            idle.Kill();
            await idle.WaitForExitAsync();
            output.WriteLine($"{"agent idle RSS (after its first check-in)",-44}{rss,12:N1} MB   target ≤ 30 MB  {(rss <= 30 ? "PASS" : "MISS")}");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<int> RunOnceAsync(string agentDll, ServerProcess server, string state)
    {
        using var process = Start(agentDll, server, state, "run", "--once");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static Process Start(string agentDll, ServerProcess server, string state, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { agentDll }.Concat(command).Concat(["--server", server.Url, "--enrollment-token", ServerProcess.EnrollmentToken, "--state-dir", state]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static void ShouldSucceed(this int exitCode, string what)
    {
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"the agent's {what} exited with {exitCode}");
        }
    }
}
