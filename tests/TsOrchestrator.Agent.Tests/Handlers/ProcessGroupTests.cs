using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.Tests.EndToEnd;
using TsOrchestrator.Agent.Tests.Support;

namespace TsOrchestrator.Agent.Tests.Handlers;

/// <summary>A step program runs in a process group of its own, which ends whole, and is recorded only while it runs.</summary>
public sealed class ProcessGroupTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [SkippableFact]
    public async Task Cancelled_step_ends_the_processes_that_left_its_tree()
    {
        Skip.If(OperatingSystem.IsWindows(), "process groups: Linux and macOS");
        var pid = Path.Combine(_sandbox.Root, "pid");
        // The subshell exits at once, so the sleeper is re-parented away from the step's tree (as a daemon is).
        var context = _sandbox.Context("RunShellScript", new() { ["Script"] = $"(sleep 300 > /dev/null 2>&1 & echo $! > {pid})\nsleep 60" });
        using var cancel = new CancellationTokenSource();
        int? sleeper = null;
        try
        {
            var running = new RunShellScriptHandler().RunAsync(context, cancel.Token);
            for (var i = 0; i < 600 && (!File.Exists(pid) || File.ReadAllText(pid).Trim().Length == 0); i++)
            {
                await Task.Delay(50);
            }

            sleeper = int.Parse(File.ReadAllText(pid).Trim());
            File.Exists(ProcessGroupRecord.PathIn(_sandbox.Root)).ShouldBeTrue("the running program's group is recorded");
            await cancel.CancelAsync();
            var result = await running;

            result.Message.ShouldBe("cancelled");
            AgentProcessGroupTests.IsAlive(sleeper.Value).ShouldBeFalse("the process that left the step's tree still runs");
            File.Exists(ProcessGroupRecord.PathIn(_sandbox.Root)).ShouldBeFalse();
        }
        finally
        {
            if (sleeper is { } leftover && AgentProcessGroupTests.IsAlive(leftover))
            {
                System.Diagnostics.Process.GetProcessById(leftover).Kill();
            }
        }
    }

    [SkippableFact]
    public async Task Program_that_ends_by_itself_keeps_its_exit_code_and_leaves_no_record()
    {
        Skip.If(OperatingSystem.IsWindows(), "process groups: Linux and macOS");
        var context = _sandbox.Context("RunCommandLine", new() { ["CommandLine"] = "ps -o pgid= -p $$ > pgid; echo $$ > pid; exit 3" });

        var result = await new RunCommandLineHandler().RunAsync(context, CancellationToken.None);

        result.ExitCode.ShouldBe(3);
        File.ReadAllText(Path.Combine(context.WorkDirectory, "pgid")).Trim().ShouldBe(File.ReadAllText(Path.Combine(context.WorkDirectory, "pid")).Trim(), "the program leads a group of its own");
        File.Exists(ProcessGroupRecord.PathIn(_sandbox.Root)).ShouldBeFalse();
    }

    [Fact]
    public async Task Missing_program_fails_the_start_naming_it()
    {
        var context = _sandbox.Context("RunCommandLine", new() { ["CommandLine"] = "true" });

        var failure = await Should.ThrowAsync<StepFailedException>(() => ProcessRunner.RunAsync("no-such-program-tsorch", [], context, CancellationToken.None));

        failure.Message.ShouldContain("no-such-program-tsorch could not be started");
    }
}
