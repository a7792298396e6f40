namespace TsOrchestrator.Agent.Power;

/// <summary>How this device's power plan is set.</summary>
internal enum PowerPlanMechanism
{
    /// <summary>Neither is there (a VM, a container, no root): the plan is left as it is.</summary>
    None,

    /// <summary>power-profiles-daemon, through <c>powerprofilesctl</c>.</summary>
    PowerProfilesDaemon,

    /// <summary>The kernel's cpufreq governor of each CPU, written in sysfs.</summary>
    CpuFrequencyGovernor,
}
