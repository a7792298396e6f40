using System.Runtime.Versioning;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

/// <summary>Capture Windows / Network Settings read a system's files; the Apply steps after a new image write them back.</summary>
[SupportedOSPlatform("linux")]
public sealed class CaptureSettingsHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();
    private readonly string _old;
    private readonly string _new;

    public CaptureSettingsHandlerTests()
    {
        _old = Path.Combine(_sandbox.Root, "old-system");
        _new = Path.Combine(_sandbox.Root, "new-system");
        AppliedSystem.Create(_old);
        AppliedSystem.Create(_new);
        foreach (var root in new[] { _old, _new })
        {
            Write(root, "usr/lib/systemd/systemd-networkd", "networkd");
            Write(root, "usr/lib/systemd/system/systemd-networkd.service", "[Unit]");
        }
    }

    public void Dispose() => _sandbox.Dispose();

    private static void Write(string root, string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
        File.WriteAllText(Path.Combine(root, path), text);
    }

    private string Log(string type) => File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{type}.log"));

    private async Task<Dictionary<string, string>> CaptureAsync(IStepHandler handler, Dictionary<string, string> settings)
    {
        var result = await handler.RunAsync(_sandbox.Context(handler.TypeId, settings), CancellationToken.None);
        result.ExitCode.ShouldBe(0);
        return new Dictionary<string, string>(result.Variables!, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Captured_host_name_time_zone_and_locale_are_applied_to_the_new_system_over_the_steps_own_settings()
    {
        Write(_old, "etc/hostname", "ws-0042\n");
        File.CreateSymbolicLink(Path.Combine(_old, "etc/localtime"), "../usr/share/zoneinfo/Europe/Berlin");
        Write(_old, "etc/default/locale", "# set by debconf\nLANG=de_DE.UTF-8\n");

        var variables = await CaptureAsync(new CaptureWindowsSettingsHandler(_old), new() { ["MigrateRegistrationInfo"] = "true" });

        variables["OSDComputerName"].ShouldBe("ws-0042");
        variables["OSDTimeZone"].ShouldBe("Europe/Berlin");
        variables["OSDSystemLocale"].ShouldBe("de_DE.UTF-8");
        Log(StepTypeIds.CaptureWindowsSettings).ShouldContain("registered user and organization names (MigrateRegistrationInfo) do not exist on Linux");

        variables["OSDTargetSystemDrive"] = _new;
        var settings = new Dictionary<string, string>
        {
            ["ComputerName"] = "template-name", ["TimeZone"] = "Eastern Standard Time", ["SystemLocale"] = "en-US",
            ["RegisteredUserName"] = "User", ["RegisteredOrgName"] = "Org",
        };
        (await new ApplyWindowsSettingsHandler().RunAsync(_sandbox.Context(StepTypeIds.ApplyWindowsSettings, settings, variables), CancellationToken.None)).ExitCode.ShouldBe(0);

        File.ReadAllText(Path.Combine(_new, "etc/hostname")).ShouldBe("ws-0042\n");
        File.ReadAllText(Path.Combine(_new, "etc/timezone")).ShouldBe("Europe/Berlin\n");
        File.ResolveLinkTarget(Path.Combine(_new, "etc/localtime"), returnFinalTarget: false)!.FullName.ShouldBe("/usr/share/zoneinfo/Europe/Berlin");
        File.ReadAllText(Path.Combine(_new, "etc/default/locale")).ShouldBe("LANG=de_DE.UTF-8\n");
    }

    [Fact]
    public async Task Capture_windows_settings_with_every_migrate_flag_off_sets_no_variable()
    {
        var variables = await CaptureAsync(new CaptureWindowsSettingsHandler(_old), new()
        {
            ["MigrateComputerName"] = "false", ["MigrateTimeZone"] = "false", ["MigrateSystemLocale"] = "false", ["MigrateRegistrationInfo"] = "false",
        });

        variables.ShouldBeEmpty();
    }

    [Fact]
    public async Task Captured_static_networkd_and_dhcp_ifupdown_adapters_are_applied_to_the_new_system_as_they_were()
    {
        Write(_old, "etc/systemd/network/20-wired.network",
            "[Match]\nName=ens3\n\n[Network]\nAddress=192.168.10.20/24\nGateway=192.168.10.1\nDNS=192.168.10.2 192.168.10.3\nDomains=lab.example\n");
        Write(_old, "etc/systemd/network/99-loopback.network", "[Match]\nName=lo\n");
        Write(_old, "etc/network/interfaces", "auto lo\niface lo inet loopback\n\nsource /etc/network/interfaces.d/*\n");
        Write(_old, "etc/network/interfaces.d/ens4", "allow-hotplug ens4\niface ens4 inet dhcp\n\nauto ens5\niface ens5 inet static\n\taddress 10.0.0.5\n\tnetmask 255.255.0.0\n");
        Write(_old, "etc/samba/smb.conf", "[global]\n   workgroup = LABGROUP\n");

        var variables = await CaptureAsync(new CaptureNetworkSettingsHandler(_old), []);

        variables["OSDAdapterCount"].ShouldBe("3");
        variables["OSDAdapter0Name"].ShouldBe("ens3");
        variables["OSDAdapter0EnableDHCP"].ShouldBe("false");
        variables["OSDAdapter0IPAddressList"].ShouldBe("192.168.10.20/24");
        variables["OSDAdapter0DNSServerList"].ShouldBe("192.168.10.2,192.168.10.3");
        variables["OSDAdapter1Name"].ShouldBe("ens4");
        variables["OSDAdapter1EnableDHCP"].ShouldBe("true");
        variables["OSDAdapter2IPAddressList"].ShouldBe("10.0.0.5/16");
        variables["OSDJoinType"].ShouldBe("1");
        variables["OSDJoinWorkgroupName"].ShouldBe("LABGROUP");

        variables["OSDTargetSystemDrive"] = _new;
        (await new ApplyNetworkSettingsHandler().RunAsync(_sandbox.Context(StepTypeIds.ApplyNetworkSettings, [], variables), CancellationToken.None)).ExitCode.ShouldBe(0);

        File.ReadAllText(Path.Combine(_new, "etc/systemd/network/10-tsorch-adapter0.network")).ShouldBe(
            "[Match]\nName=ens3\n\n[Network]\nAddress=192.168.10.20/24\nGateway=192.168.10.1\nDNS=192.168.10.2\nDNS=192.168.10.3\nDomains=lab.example\n");
        File.ReadAllText(Path.Combine(_new, "etc/systemd/network/10-tsorch-adapter1.network")).ShouldBe("[Match]\nName=ens4\n\n[Network]\nDHCP=yes\n");
        File.ReadAllText(Path.Combine(_new, "etc/systemd/network/10-tsorch-adapter2.network")).ShouldBe("[Match]\nName=ens5\n\n[Network]\nAddress=10.0.0.5/16\n");
    }

    [Fact]
    public async Task Capture_network_settings_records_an_sssd_domain_membership_as_a_domain_join()
    {
        Write(_old, "etc/sssd/sssd.conf", "[sssd]\ndomains = corp.example, other.example\nservices = nss, pam\n");

        var variables = await CaptureAsync(new CaptureNetworkSettingsHandler(_old), new() { ["MigrateAdapterSettings"] = "false" });

        variables["OSDJoinType"].ShouldBe("0");
        variables["OSDJoinDomainName"].ShouldBe("corp.example");
        variables.ShouldNotContainKey("OSDAdapterCount");
    }
}
