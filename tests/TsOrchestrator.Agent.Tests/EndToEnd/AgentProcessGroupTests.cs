using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>A step's processes end with it: none outlives an agent that was killed, to run beside the step's retry.</summary>
public sealed class AgentProcessGroupTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [SkippableFact]
    public async Task Agent_killed_mid_step_ends_the_steps_leftover_processes_before_the_retry_starts()
    {
        Skip.If(OperatingSystem.IsWindows(), "process groups: Linux and macOS (Windows' job object is still to come)");
        using var device = new DeviceUnderTest(server);
        var started = Path.Combine(device.Files, "started");
        var pid = Path.Combine(device.Files, "pid");
        var seen = Path.Combine(device.Files, "seen-by-the-retry");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "GROUP001", "name": "Leftovers", "nodes": [
              {"kind": "step", "name": "Spawns", "retryOnUnexpectedRestart": 1, "type": "RunShellScript",
               "settings": {"Script": "if [ -f {{{started}}} ]; then\n  p=$(cat {{{pid}}})\n  if [ -r /proc/$p/stat ]; then cut -d' ' -f3 /proc/$p/stat > {{{seen}}}; else echo gone > {{{seen}}}; fi\n  exit 0\nfi\nsleep 300 > /dev/null 2>&1 &\necho $! > {{{pid}}}\ntouch {{{started}}}\nsleep 120"}}
            ]}
            """);
        int? sleeper = null;
        try
        {
            using (var agent = device.Start())
            {
                await AgentRunTests.Until(() => File.Exists(started), device);
                sleeper = int.Parse(File.ReadAllText(pid).Trim());
                await DeviceUnderTest.KillAsync(agent);
            }

            IsAlive(sleeper.Value).ShouldBeTrue("the step's child should outlive the killed agent (else the test proves nothing)");

            await device.RunUntilIdleAsync();

            var run = await Site.OnlyRunAsync(server, deploymentId);
            run.Summary.Status.ShouldBe("Succeeded", device.Output);
            run.History.Select(h => h.Outcome).ShouldBe(["Failed", "Succeeded"]);
            File.ReadAllText(seen).Trim().ShouldBeOneOf(["gone", "Z"], "the first attempt's child was still running when the retry started");
            device.Output.ShouldContain("ended what was left of the interrupted step's processes");
        }
        finally
        {
            if (sleeper is { } leftover && IsAlive(leftover))
            {
                System.Diagnostics.Process.GetProcessById(leftover).Kill();
            }
        }
    }

    /// <summary>Running or sleeping: a zombie has ended and only waits to be reaped.</summary>
    internal static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
