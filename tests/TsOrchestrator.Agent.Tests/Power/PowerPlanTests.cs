using System.Runtime.Versioning;
using TsOrchestrator.Agent.Power;

namespace TsOrchestrator.Agent.Tests.Power;

[SupportedOSPlatform("linux")]
public sealed class PowerPlanTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tsorch-power-").FullName;
    private readonly List<string> _log = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Power_profiles_daemon_is_switched_to_performance_and_restored_to_the_recorded_profile()
    {
        var ctl = FakePowerProfilesCtl(running: true, profile: "power-saver");
        var plan = new PowerPlan(_log.Add, ctl, Path.Combine(_root, "no-sysfs"));

        var recorded = plan.Record();
        plan.SwitchToHighPerformance();
        var during = Profile();
        plan.Restore(PowerPlanRecord.Parse(recorded.ToText()));

        recorded.Mechanism.ShouldBe(PowerPlanMechanism.PowerProfilesDaemon);
        during.ShouldBe("performance");
        Profile().ShouldBe("power-saver");
        _log.ShouldContain("power plan: power-profiles-daemon profile set to performance");
    }

    [Fact]
    public void Cpufreq_governors_are_switched_to_performance_and_restored_per_cpu()
    {
        var cpus = FakeCpus(("cpu0", "powersave"), ("cpu1", "schedutil"));
        var plan = new PowerPlan(_log.Add, Path.Combine(_root, "no-such-ctl"), cpus);

        var recorded = plan.Record();
        plan.SwitchToHighPerformance();
        var during = new[] { Governor(cpus, "cpu0"), Governor(cpus, "cpu1") };
        plan.Restore(PowerPlanRecord.Parse(recorded.ToText()));

        recorded.Mechanism.ShouldBe(PowerPlanMechanism.CpuFrequencyGovernor);
        during.ShouldBe(["performance", "performance"]);
        Governor(cpus, "cpu0").ShouldBe("powersave");
        Governor(cpus, "cpu1").ShouldBe("schedutil");
    }

    [Fact]
    public void Daemon_that_does_not_answer_falls_back_to_the_governors()
    {
        var cpus = FakeCpus(("cpu0", "powersave"));
        var plan = new PowerPlan(_log.Add, FakePowerProfilesCtl(running: false, profile: "balanced"), cpus);

        plan.Record().Mechanism.ShouldBe(PowerPlanMechanism.CpuFrequencyGovernor);
        plan.SwitchToHighPerformance();

        Governor(cpus, "cpu0").ShouldBe("performance");
    }

    [Fact]
    public void Without_a_daemon_or_governors_the_plan_is_a_recorded_no_op_with_a_log_line()
    {
        var plan = new PowerPlan(_log.Add, Path.Combine(_root, "no-such-ctl"), Path.Combine(_root, "no-sysfs"));

        var recorded = plan.Record();
        plan.SwitchToHighPerformance();
        plan.Restore(recorded);

        recorded.ShouldBe(PowerPlanRecord.Nothing);
        _log.ShouldBe([
            "power plan: neither power-profiles-daemon nor a writable cpufreq governor is on this device; the plan is left as it is",
            "power plan: no way to switch to high performance on this device; left as it is",
            "power plan: nothing was recorded, nothing to restore",
        ]);
    }

    [Fact]
    public void Governor_without_performance_on_offer_is_left_alone_with_a_log_line()
    {
        var cpus = FakeCpus(("cpu0", "powersave"));
        File.WriteAllText(Path.Combine(cpus, "cpu0", "cpufreq", "scaling_available_governors"), "powersave schedutil\n");

        new PowerPlan(_log.Add, Path.Combine(_root, "no-such-ctl"), cpus).SwitchToHighPerformance();

        Governor(cpus, "cpu0").ShouldBe("powersave");
        _log.ShouldContain(l => l.EndsWith("offers no performance governor; left as it is", StringComparison.Ordinal));
    }

    [Fact]
    public void After_a_wipe_and_load_the_platform_default_is_restored()
    {
        var cpus = FakeCpus(("cpu0", "performance"));
        new PowerPlan(_log.Add, FakePowerProfilesCtl(running: true, profile: "performance"), cpus).RestoreDefault();
        new PowerPlan(_log.Add, Path.Combine(_root, "no-such-ctl"), cpus).RestoreDefault();

        Profile().ShouldBe("balanced");
        Governor(cpus, "cpu0").ShouldBe("schedutil");
    }

    private string FakePowerProfilesCtl(bool running, string profile)
    {
        File.WriteAllText(Path.Combine(_root, "profile"), profile + "\n");
        var script = Path.Combine(_root, "powerprofilesctl");
        var get = running ? "cat \"$state\"" : "echo 'Failed to connect to the daemon' >&2; exit 1";
        File.WriteAllText(script, $$"""
            #!/bin/sh
            state="$(dirname "$0")/profile"
            case "$1" in
              get) {{get}} ;;
              set) case "$2" in performance|balanced|power-saver) echo "$2" > "$state" ;; *) echo "no profile $2" >&2; exit 1 ;; esac ;;
            esac
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private string Profile() => File.ReadAllText(Path.Combine(_root, "profile")).Trim();

    private string FakeCpus(params (string Cpu, string Governor)[] cpus)
    {
        var root = Path.Combine(_root, "cpu");
        Directory.CreateDirectory(Path.Combine(root, "cpufreq")); // the policy folder beside the CPUs is not a CPU
        foreach (var (cpu, governor) in cpus)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, cpu, "cpufreq")).FullName;
            File.WriteAllText(Path.Combine(folder, "scaling_governor"), governor + "\n");
            File.WriteAllText(Path.Combine(folder, "scaling_available_governors"), "performance powersave schedutil\n");
        }

        return root;
    }

    private static string Governor(string cpus, string cpu) => File.ReadAllText(Path.Combine(cpus, cpu, "cpufreq", "scaling_governor")).Trim();
}
