using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;

namespace TsOrchestrator.Agent.Tests.Handlers;

public sealed class ScriptHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Shell_script_sees_run_variables_and_its_output_fills_the_output_variable()
    {
        var context = _sandbox.Context("RunShellScript", new()
        {
            ["Script"] = "echo \"role=$Role args=$1,$2\"\necho to-stderr >&2\nexit 7",
            ["Arguments"] = "one 'two words'",
            ["OutputVariableName"] = "Captured",
        }, new() { ["Role"] = "lab" });

        var result = await new RunShellScriptHandler().RunAsync(context, CancellationToken.None);

        result.ExitCode.ShouldBe(7);
        result.Variables!["Captured"].ShouldBe("role=lab args=one,two words");
        result.Message.ShouldNotBeNull().ShouldContain("to-stderr");
        File.ReadAllText(context.Log.Path).ShouldContain("role=lab");
    }

    [Fact]
    public async Task Command_line_runs_through_the_shell_in_its_working_directory()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_sandbox.Root, "start-in")).FullName;
        var context = _sandbox.Context("RunCommandLine", new() { ["CommandLine"] = "pwd > here.txt && echo done", ["WorkingDirectory"] = folder });

        var result = await new RunCommandLineHandler().RunAsync(context, CancellationToken.None);

        result.ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(folder, "here.txt")).Trim().ShouldBe(folder);
    }

    [Fact]
    public async Task Cancelled_step_ends_its_whole_process_tree()
    {
        var pids = Path.Combine(_sandbox.Root, "pids");
        var context = _sandbox.Context("RunShellScript", new() { ["Script"] = $"sleep 60 & echo $! > {pids}\nwait" });
        using var cancel = new CancellationTokenSource();

        var running = new RunShellScriptHandler().RunAsync(context, cancel.Token);
        while (!File.Exists(pids) || File.ReadAllText(pids).Trim().Length == 0)
        {
            await Task.Delay(20);
        }

        var child = int.Parse(File.ReadAllText(pids).Trim());
        await cancel.CancelAsync();
        var result = await running;

        result.Succeeded.ShouldBe(false);
        result.Message.ShouldBe("cancelled");
        await WaitGoneAsync(child);
    }

    [Fact]
    public async Task Run_as_another_account_fails_clearly_on_linux()
    {
        var context = _sandbox.Context("RunCommandLine", new() { ["CommandLine"] = "true", ["RunAsUser"] = "true", ["UserName"] = "admin" });

        var failure = await Should.ThrowAsync<StepFailedException>(() => new RunCommandLineHandler().RunAsync(context, CancellationToken.None));

        failure.Message.ShouldContain("running a step as another account is not supported on linux");
    }

    [Fact]
    public async Task Missing_working_directory_fails_the_step_naming_it()
    {
        var context = _sandbox.Context("RunCommandLine", new() { ["CommandLine"] = "true", ["WorkingDirectory"] = "/nonexistent/folder" });

        (await Should.ThrowAsync<StepFailedException>(() => new RunCommandLineHandler().RunAsync(context, CancellationToken.None)))
            .Message.ShouldBe("the working directory /nonexistent/folder does not exist");
    }

    [Fact]
    public void Step_type_without_a_handler_fails_by_name_and_platform() =>
        Should.Throw<StepFailedException>(() => StepHandlerRegistry.Default().Find("EnableBitLocker"))
            .Message.ShouldBe("step type Enable BitLocker (EnableBitLocker) is not supported on linux full-os");

    private static async Task WaitGoneAsync(int pid)
    {
        // A killed process lingers as a zombie until its parent reaps it; gone or zombie both mean it no longer runs.
        for (var i = 0; i < 100; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z")
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new ShouldAssertException($"process {pid} still runs after the step was cancelled");
    }
}
