using System.Diagnostics;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>
/// The real <c>tsorch-agent</c> process: its size on disk, idle memory and time from start to first check-in. The
/// agent published as Native AOT is measured when <c>TSORCH_AGENT_BINARY</c> names it (as the agent tests take it);
/// otherwise the framework-dependent build under <c>dotnet</c>.
/// </summary>
internal static class AgentFootprint
{
    private const string AgentBinaryVariable = "TSORCH_AGENT_BINARY";

    public static async Task MeasureAsync(ServerProcess server, TextWriter output)
    {
        var agent = Environment.GetEnvironmentVariable(AgentBinaryVariable) is { Length: > 0 } binary
            ? new MeasuredAgent(Path.GetFullPath(binary), Native: true)
            : new MeasuredAgent(RepositoryPaths.Built("TsOrchestrator.Agent", "tsorch-agent.dll"), Native: false);
        if (!File.Exists(agent.Path))
        {
            throw new FileNotFoundException($"no agent at {agent.Path} ({AgentBinaryVariable} or the Release build)", agent.Path);
        }

        var state = Directory.CreateTempSubdirectory("tsorch-footprint-").FullName;
        try
        {
            if (agent.Native)
            {
                // The one file a device needs: runtime, framework and packages are compiled in.
                var mb = new FileInfo(agent.Path).Length / 1024.0 / 1024.0;
                output.WriteLine($"{"agent size (Native AOT binary)",-44}{mb,12:N1} MB   target ≤ 20 MB  {(mb <= 20 ? "PASS" : "MISS")}");
            }
            else
            {
                // Everything the agent ships beside the shared .NET runtime: its own and its packages' assemblies.
                var bytes = Directory.GetFiles(Path.GetDirectoryName(agent.Path)!, "*.dll").Sum(f => new FileInfo(f).Length);
                output.WriteLine($"{"agent size (framework-dependent assemblies)",-44}{bytes / 1024.0 / 1024.0,12:N1} MB   target ≤ 20 MB (Native AOT: set {AgentBinaryVariable})");
            }

            (await RunOnceAsync(agent, server, state)).ShouldSucceed("registration");
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                (await RunOnceAsync(agent, server, state)).ShouldSucceed("check-in");
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"{"agent start → one check-in → exit (median of 5)",-44}{times[2],12:N0} ms   target ≤ 200 ms  {(times[2] <= 200 ? "PASS" : "MISS")}");

            using var idle = Start(agent, server, state, "run", "--check-in-interval", "300");
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

    private static async Task<int> RunOnceAsync(MeasuredAgent agent, ServerProcess server, string state)
    {
        using var process = Start(agent, server, state, "run", "--once");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static Process Start(MeasuredAgent agent, ServerProcess server, string state, params string[] command)
    {
        var start = new ProcessStartInfo(agent.Native ? agent.Path : "dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (agent.Native ? [] : new[] { agent.Path }).Concat(command).Concat(["--server", server.Url, "--enrollment-token", ServerProcess.EnrollmentToken, "--state-dir", state]))
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
