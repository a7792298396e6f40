using System.Diagnostics;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Power;

/// <summary>
/// The task sequence's high-performance power plan on Linux: power-profiles-daemon's <c>performance</c> profile where
/// <c>powerprofilesctl</c> answers, else the <c>performance</c> cpufreq governor where sysfs lets the agent write it,
/// else nothing, said in the log. A device where the switch fails still runs its sequence: only the log tells.
/// </summary>
internal sealed class PowerPlan
{
    public const string PerformanceProfile = "performance";
    public const string DefaultProfile = "balanced";
    public const string PerformanceGovernor = "performance";

    /// <summary>Governors a kernel defaults to, best first, for restoring the platform default after a wipe-and-load.</summary>
    private static readonly string[] DefaultGovernors = ["schedutil", "ondemand", "powersave"];

    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(10);

    private readonly Action<string> _log;
    private readonly string? _powerProfilesCtl;
    private readonly string _cpuRoot;

    /// <param name="log">Where the plan says what it did.</param>
    /// <param name="powerProfilesCtl">The <c>powerprofilesctl</c> to run; null finds it on the PATH.</param>
    /// <param name="cpuRoot">The sysfs folder holding <c>cpuN/cpufreq</c>.</param>
    public PowerPlan(Action<string> log, string? powerProfilesCtl = null, string cpuRoot = "/sys/devices/system/cpu")
    {
        _log = log;
        _powerProfilesCtl = powerProfilesCtl ?? ExecutableSearch.Find("powerprofilesctl");
        _cpuRoot = cpuRoot;
    }

    /// <summary>What is active now, to restore at the end (not called when the run started from boot media).</summary>
    public PowerPlanRecord Record()
    {
        if (CurrentProfile() is { } profile)
        {
            _log($"power plan: power-profiles-daemon profile {profile} recorded");
            return new PowerPlanRecord(PowerPlanMechanism.PowerProfilesDaemon, new Dictionary<string, string> { [PowerPlanRecord.ProfileKey] = profile });
        }

        var governors = WritableGovernors();
        if (governors.Count > 0)
        {
            var values = governors.ToDictionary(path => path, path => File.ReadAllText(path).Trim(), StringComparer.Ordinal);
            _log($"power plan: cpufreq governors recorded ({string.Join(", ", values.Values.Distinct(StringComparer.Ordinal))} on {values.Count} CPUs)");
            return new PowerPlanRecord(PowerPlanMechanism.CpuFrequencyGovernor, values);
        }

        _log("power plan: neither power-profiles-daemon nor a writable cpufreq governor is on this device; the plan is left as it is");
        return PowerPlanRecord.Nothing;
    }

    /// <summary>Switches to high performance by whichever means the device has (again after each restart).</summary>
    public void SwitchToHighPerformance()
    {
        if (CurrentProfile() is not null)
        {
            SetProfile(PerformanceProfile);
            return;
        }

        var governors = WritableGovernors();
        if (governors.Count == 0)
        {
            _log("power plan: no way to switch to high performance on this device; left as it is");
            return;
        }

        foreach (var path in governors)
        {
            var available = Path.Combine(Path.GetDirectoryName(path)!, "scaling_available_governors");
            if (File.Exists(available) && !File.ReadAllText(available).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(PerformanceGovernor))
            {
                _log($"power plan: {path} offers no {PerformanceGovernor} governor; left as it is");
                continue;
            }

            WriteGovernor(path, PerformanceGovernor);
        }
    }

    /// <summary>Puts back what <see cref="Record"/> found.</summary>
    public void Restore(PowerPlanRecord recorded)
    {
        switch (recorded.Mechanism)
        {
            case PowerPlanMechanism.PowerProfilesDaemon:
                SetProfile(recorded.Values[PowerPlanRecord.ProfileKey]);
                break;
            case PowerPlanMechanism.CpuFrequencyGovernor:
                foreach (var (path, governor) in recorded.Values)
                {
                    WriteGovernor(path, governor);
                }

                break;
            default:
                _log("power plan: nothing was recorded, nothing to restore");
                break;
        }
    }

    /// <summary>After a wipe-and-load the recorded plan belonged to the old system: the platform default is restored instead.</summary>
    public void RestoreDefault()
    {
        if (CurrentProfile() is not null)
        {
            SetProfile(DefaultProfile);
            return;
        }

        var governors = WritableGovernors();
        if (governors.Count == 0)
        {
            _log("power plan: no way to restore the default plan on this device; left as it is");
            return;
        }

        foreach (var path in governors)
        {
            var available = Path.Combine(Path.GetDirectoryName(path)!, "scaling_available_governors");
            var offered = File.Exists(available) ? File.ReadAllText(available).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (DefaultGovernors.FirstOrDefault(offered.Contains) is { } governor)
            {
                WriteGovernor(path, governor);
            }
            else
            {
                _log($"power plan: {path} offers none of {string.Join(", ", DefaultGovernors)}; left as it is");
            }
        }
    }

    /// <summary>The daemon's active profile, or null when there is no daemon to ask (not installed, not running).</summary>
    private string? CurrentProfile()
    {
        if (_powerProfilesCtl is null)
        {
            return null;
        }

        var (exitCode, output) = Run(_powerProfilesCtl, "get");
        return exitCode == 0 && output.Trim() is { Length: > 0 } profile ? profile : null;
    }

    private void SetProfile(string profile)
    {
        var (exitCode, output) = Run(_powerProfilesCtl!, "set", profile);
        _log(exitCode == 0
            ? $"power plan: power-profiles-daemon profile set to {profile}"
            : $"power plan: powerprofilesctl could not set {profile} (exit code {exitCode}): {output.Trim()}; left as it is");
    }

    /// <summary>Each CPU's governor file that this process may write (sysfs lets only root).</summary>
    private List<string> WritableGovernors()
    {
        if (!Directory.Exists(_cpuRoot))
        {
            return [];
        }

        var governors = new List<string>();
        foreach (var cpu in Directory.GetDirectories(_cpuRoot, "cpu*").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(cpu);
            var path = Path.Combine(cpu, "cpufreq", "scaling_governor");
            if (name.Length > 3 && name[3..].All(char.IsAsciiDigit) && File.Exists(path) && IsWritable(path))
            {
                governors.Add(path);
            }
        }

        return governors;
    }

    private static bool IsWritable(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private void WriteGovernor(string path, string governor)
    {
        try
        {
            // sysfs takes one write of the whole value, in place (as the shell's `echo performance > ...`): no temp file.
            using var file = new FileStream(path, FileMode.Truncate, FileAccess.Write);
            file.Write(System.Text.Encoding.ASCII.GetBytes(governor + "\n"));
            _log($"power plan: {path} set to {governor}");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            _log($"power plan: {path} could not be set to {governor}: {ex.Message}; left as it is");
        }
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CommandLimit))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{program} did not answer within {CommandLimit.TotalSeconds} seconds");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
