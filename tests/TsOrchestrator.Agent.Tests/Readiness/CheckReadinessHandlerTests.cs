using System.Globalization;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.Readiness;

/// <summary>Check Readiness against this machine's own /proc and /sys, thresholds set just below and above what it has.</summary>
public sealed class CheckReadinessHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    [Fact]
    public async Task Thresholds_below_the_machine_pass_and_set_each_checked_result_to_one()
    {
        var result = await CheckAsync(new()
        {
            ["CheckMemory"] = "true", ["Memory"] = (MemoryMegabytes() - 1).ToString(CultureInfo.InvariantCulture),
            ["CheckProcessorSpeed"] = "true", ["ProcessorSpeed"] = "1",
            ["CheckFreeDiskSpace"] = "true", ["FreeDiskSpace"] = "1",
            ["CheckOSArchitecture"] = "true", ["OSArchitecture"] = Environment.Is64BitOperatingSystem ? "64" : "32",
            ["CheckMinOSVersion"] = "true", ["MinOSVersion"] = "1.0",
            ["CheckPowerState"] = "true",
        });

        result.ExitCode.ShouldBe(0, result.Message);
        result.Variables.ShouldNotBeNull();
        foreach (var name in new[] { "_TS_CRMEMORY", "_TS_CRSPEED", "_TS_CRDISK", "_TS_CRARCH", "_TS_CRMINOSVER", "_TS_CRACPOWER" })
        {
            result.Variables[name].ShouldBe("1", name);
        }

        result.Variables.ContainsKey("_TS_CRUEFI").ShouldBeFalse(); // not checked: left unset, as ConfigMgr leaves it blank
    }

    [Fact]
    public async Task Memory_above_the_machine_fails_with_4316_naming_what_it_has_and_runs_every_other_check()
    {
        var memory = MemoryMegabytes();
        var result = await CheckAsync(new()
        {
            ["CheckMemory"] = "true", ["Memory"] = (memory * 2).ToString(CultureInfo.InvariantCulture),
            ["CheckFreeDiskSpace"] = "true", ["FreeDiskSpace"] = "1",
            ["CheckMaxOSVersion"] = "true", ["MaxOSVersion"] = "0.1",
        });

        result.ExitCode.ShouldBe(CheckReadinessHandler.NotReadyExitCode);
        result.Succeeded.ShouldBe(false);
        result.Message.ShouldNotBeNull();
        result.Message.ShouldContain($"memory is {memory} MB, at least {memory * 2} MB wanted");
        result.Message.ShouldContain("at most 0.1 wanted");
        result.Variables!["_TS_CRMEMORY"].ShouldBe("0");
        result.Variables["_TS_CRMAXOSVER"].ShouldBe("0");
        result.Variables["_TS_CRDISK"].ShouldBe("1");
    }

    [Fact]
    public async Task Uefi_and_wired_network_checks_match_what_sys_says_about_this_machine()
    {
        var result = await CheckAsync(new() { ["CheckDeviceUEFI"] = "true", ["CheckNetworkConnected"] = "true", ["CheckNetworkWired"] = "true" });

        result.Variables!["_TS_CRUEFI"].ShouldBe(Directory.Exists("/sys/firmware/efi") ? "1" : "0");
        var linked = Directory.GetDirectories("/sys/class/net").Where(n => File.ReadAllText(Path.Combine(n, "type")).Trim() != "772" && Carrier(n)).ToList();
        result.Variables["_TS_CRNETWORK"].ShouldBe(linked.Count > 0 ? "1" : "0");
    }

    [Fact]
    public async Task A_check_with_no_linux_meaning_fails_naming_its_setting()
    {
        (await Should.ThrowAsync<StepFailedException>(() => CheckAsync(new() { ["CheckOSType"] = "true", ["OSType"] = "CLIENT" })))
            .Message.ShouldBe("CheckOSType: this check has no meaning on linux: clear it, the agent cannot tell");
    }

    private Task<WorkItemResult> CheckAsync(Dictionary<string, string> settings) =>
        new CheckReadinessHandler().RunAsync(_sandbox.Context(StepTypeIds.CheckReadiness, settings), CancellationToken.None);

    private static long MemoryMegabytes() =>
        long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

    private static bool Carrier(string adapter)
    {
        try
        {
            return File.ReadAllText(Path.Combine(adapter, "carrier")).Trim() == "1" && File.ReadAllText(Path.Combine(adapter, "operstate")).Trim() is "up" or "unknown";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _sandbox.Dispose();
}
