using System.Runtime.Versioning;
using TsOrchestrator.Agent.Power;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Tests.Power;

[SupportedOSPlatform("linux")]
public sealed class RunPowerPlanTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tsorch-run-power-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Plan_recorded_before_the_run_survives_agent_restarts_and_comes_back_at_the_end()
    {
        var cpus = FakeCpu("powersave");
        var state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;

        new RunPowerPlan(Plan(cpus), state).BeforeStep("R1", Step("RunCommandLine", usePlan: true));
        var duringFirstStart = Governor(cpus);
        File.WriteAllText(Path.Combine(cpus, "cpu0", "cpufreq", "scaling_governor"), "powersave\n"); // the restart resets the kernel's choice
        var afterRestart = new RunPowerPlan(Plan(cpus), state);
        afterRestart.BeforeStep("R1", Step("RunCommandLine", usePlan: true));
        var duringSecondStart = Governor(cpus);
        afterRestart.RunEnded("R1");

        duringFirstStart.ShouldBe("performance");
        duringSecondStart.ShouldBe("performance");
        Governor(cpus).ShouldBe("powersave");
        Directory.GetFiles(state).ShouldBeEmpty();
    }

    [Fact]
    public void After_a_new_operating_system_is_applied_the_platform_default_comes_back()
    {
        var cpus = FakeCpu("powersave");
        var state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        var power = new RunPowerPlan(Plan(cpus), state);
        var apply = Step("ApplyOperatingSystemImage", usePlan: true);

        power.BeforeStep("R1", apply);
        power.AfterStep("R1", apply, new WorkItemResult { ExitCode = 0 });
        power.RunEnded("R1");

        Governor(cpus).ShouldBe("schedutil");
    }

    [Fact]
    public void Run_without_the_plan_leaves_the_device_as_it_is()
    {
        var cpus = FakeCpu("powersave");
        var power = new RunPowerPlan(Plan(cpus), _root);

        power.BeforeStep("R1", Step("RunCommandLine", usePlan: false));
        power.RunEnded("R1");

        Governor(cpus).ShouldBe("powersave");
    }

    private PowerPlan Plan(string cpus) => new(_ => { }, Path.Combine(_root, "no-such-ctl"), cpus);

    private static AgentWorkItem Step(string type, bool usePlan) => new()
    {
        Id = "w1", Kind = "Step", Path = "0", Name = type, StepType = type,
        Variables = new Dictionary<string, string> { ["_TSHighPerformancePowerPlan"] = usePlan ? "true" : "false" },
    };

    private string FakeCpu(string governor)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "cpu", "cpu0", "cpufreq")).FullName;
        File.WriteAllText(Path.Combine(folder, "scaling_governor"), governor + "\n");
        File.WriteAllText(Path.Combine(folder, "scaling_available_governors"), "performance powersave schedutil\n");
        return Path.Combine(_root, "cpu");
    }

    private static string Governor(string cpus) => File.ReadAllText(Path.Combine(cpus, "cpu0", "cpufreq", "scaling_governor")).Trim();
}
