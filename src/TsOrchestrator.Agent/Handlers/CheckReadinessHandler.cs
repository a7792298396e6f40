using System.Globalization;
using TsOrchestrator.Agent.Facts;
using TsOrchestrator.Agent.Readiness;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Check Readiness on Linux: every check the step turns on (<c>Check*</c> settings) is measured (see
/// <see cref="ReadinessFacts"/>) and its result set as ConfigMgr sets it, <c>_TS_CR*</c> = 1 met, 0 not met, unset
/// when not checked. All checks run; if any is not met the step fails with ConfigMgr's exit code 4316, listing every
/// unmet check. Checks with no Linux meaning (Windows OS type, OS language id, ConfigMgr client version, TPM) fail the
/// step naming the setting rather than passing unchecked.
/// </summary>
internal sealed class CheckReadinessHandler : IStepHandler
{
    /// <summary>ConfigMgr's exit code for a device that is not ready.</summary>
    public const int NotReadyExitCode = 4316;

    private static readonly string[] NoLinuxMeaning = ["CheckOSType", "CheckOSLanguageID", "CheckCMClientMinVersion", "CheckTPMActivated", "CheckTPMEnabled", "CheckTPMOwned", "CheckTPM"];

    public string TypeId => StepTypeIds.CheckReadiness;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (NoLinuxMeaning.FirstOrDefault(context.Flag) is { } windowsOnly)
        {
            throw new StepFailedException($"{windowsOnly}: this check has no meaning on {DeviceFactsReader.OsPlatform}: clear it, the agent cannot tell");
        }

        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unmet = new List<string>();
        void Check(string flag, string variable, Func<(bool Met, string Detail)> measure)
        {
            if (!context.Flag(flag))
            {
                return;
            }

            var (met, detail) = measure();
            variables[variable] = met ? "1" : "0";
            context.Log.Line($"{flag}: {(met ? "met" : "NOT met")}: {detail}");
            if (!met)
            {
                unmet.Add(detail);
            }
        }

        Check("CheckMemory", "_TS_CRMEMORY", () => AtLeast(context, "Memory", "memory", ReadinessFacts.MemoryMegabytes(), "MB"));
        Check("CheckProcessorSpeed", "_TS_CRSPEED", () => AtLeast(context, "ProcessorSpeed", "processor speed", ReadinessFacts.ProcessorMegahertz(), "MHz"));
        Check("CheckFreeDiskSpace", "_TS_CRDISK", () => AtLeast(context, "FreeDiskSpace", "free disk space", ReadinessFacts.FreeDiskMegabytes(context.Options), "MB"));
        Check("CheckOSArchitecture", "_TS_CRARCH", () =>
        {
            var wanted = context.Setting("OSArchitecture").Trim() is { Length: > 0 } given ? given.TrimStart('x', 'X') : "64";
            if (wanted is not ("32" or "64" or "86"))
            {
                throw new StepFailedException($"OSArchitecture: '{wanted}' is neither 32 nor 64");
            }

            wanted = wanted == "86" ? "32" : wanted;
            return (ReadinessFacts.OsArchitecture == wanted, $"architecture is {ReadinessFacts.OsArchitecture}-bit, {wanted}-bit wanted");
        });
        Check("CheckMinOSVersion", "_TS_CRMINOSVER", () => Version(context, "MinOSVersion", atLeast: true));
        Check("CheckMaxOSVersion", "_TS_CRMAXOSVER", () => Version(context, "MaxOSVersion", atLeast: false));
        Check("CheckPowerState", "_TS_CRACPOWER", () => (ReadinessFacts.OnAcPower(), ReadinessFacts.OnAcPower() ? "on AC power" : "on battery, AC power wanted"));
        Check("CheckNetworkConnected", "_TS_CRNETWORK", () =>
        {
            var adapters = ReadinessFacts.ConnectedAdapters();
            return (adapters.Count > 0, adapters.Count > 0 ? $"network connected ({string.Join(", ", adapters.Select(a => a.Name))})" : "no network adapter has a link");
        });
        Check("CheckNetworkWired", "_TS_CRWIRED", () =>
        {
            var wired = ReadinessFacts.ConnectedAdapters().Where(a => a.Wired).Select(a => a.Name).ToList();
            return (wired.Count > 0, wired.Count > 0 ? $"wired network connected ({string.Join(", ", wired)})" : "no wired adapter has a link (wireless does not count)");
        });
        Check("CheckDeviceUEFI", "_TS_CRUEFI", () => (ReadinessFacts.BootedUefi, ReadinessFacts.BootedUefi ? "booted with UEFI" : "booted with BIOS, UEFI wanted"));

        return Task.FromResult(unmet.Count == 0
            ? new WorkItemResult { ExitCode = 0, Variables = variables }
            : new WorkItemResult
            {
                ExitCode = NotReadyExitCode,
                Succeeded = false,
                Variables = variables,
                Message = $"the device is not ready: {string.Join("; ", unmet)}",
            });
    }

    private static (bool, string) AtLeast(StepContext context, string setting, string what, long? measured, string unit)
    {
        var text = context.Setting(setting).Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minimum))
        {
            throw new StepFailedException($"{setting}: '{text}' is not a number of {unit}");
        }

        return measured is { } value
            ? (value >= minimum, $"{what} is {value} {unit}, at least {minimum} {unit} wanted")
            : (false, $"{what} could not be read on this device, at least {minimum} {unit} wanted");
    }

    private static (bool, string) Version(StepContext context, string setting, bool atLeast)
    {
        var text = context.Setting(setting).Trim();
        if (!System.Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var limit))
        {
            throw new StepFailedException($"{setting}: '{text}' is not a version");
        }

        var running = DeviceFactsReader.OsVersion;
        if (!System.Version.TryParse(running.Contains('.', StringComparison.Ordinal) ? running : running + ".0", out var version))
        {
            return (false, $"the OS version '{running}' cannot be compared with {text}");
        }

        var met = atLeast ? version >= limit : version <= limit;
        return (met, $"OS version is {running}, {(atLeast ? "at least" : "at most")} {text} wanted");
    }
}
