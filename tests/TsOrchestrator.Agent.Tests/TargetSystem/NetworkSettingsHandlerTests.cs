using System.Runtime.Versioning;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

[SupportedOSPlatform("linux")]
public sealed class NetworkSettingsHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();
    private readonly string _root;

    public NetworkSettingsHandlerTests()
    {
        _root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(_root);
        Write("usr/lib/systemd/systemd-networkd", "networkd");
        Write("usr/lib/systemd/system/systemd-networkd.service", "[Unit]");
        Write("usr/lib/systemd/system/systemd-networkd.socket", "[Unit]");
    }

    public void Dispose() => _sandbox.Dispose();

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, path))!);
        File.WriteAllText(Path.Combine(_root, path), text);
    }

    private string Read(string path) => File.ReadAllText(Path.Combine(_root, path));

    private Task<Contracts.Agents.WorkItemResult> RunAsync(IStepHandler handler, string type, Dictionary<string, string> settings, Dictionary<string, string>? variables = null)
    {
        variables ??= [];
        variables["OSDTargetSystemDrive"] = _root;
        return handler.RunAsync(_sandbox.Context(type, settings, variables), CancellationToken.None);
    }

    [Fact]
    public async Task Apply_network_settings_writes_static_and_dhcp_adapters_as_networkd_files_and_enables_networkd()
    {
        const string Adapters = """
            [{"Name":"ens3","EnableDHCP":false,"IPAddressList":"192.168.10.20","SubnetMask":"255.255.255.0","Gateways":"192.168.10.1","DNSServerList":["192.168.10.2","192.168.10.3"],"DNSDomain":"lab.example"},
             {"MacAddress":"52-54-00-12-34-56","EnableDHCP":true}]
            """;

        await RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings, new() { ["Type"] = "2", ["WorkgroupName"] = "WORKGROUP", ["Adapters"] = Adapters });

        Read("etc/systemd/network/10-tsorch-adapter0.network").ShouldBe(
            "[Match]\nName=ens3\n\n[Network]\nAddress=192.168.10.20/24\nGateway=192.168.10.1\nDNS=192.168.10.2\nDNS=192.168.10.3\nDomains=lab.example\n");
        Read("etc/systemd/network/10-tsorch-adapter1.network").ShouldBe("[Match]\nMACAddress=52:54:00:12:34:56\n\n[Network]\nDHCP=yes\n");
        File.ResolveLinkTarget(Path.Combine(_root, "etc/systemd/system/multi-user.target.wants/systemd-networkd.service"), false)!.FullName
            .ShouldBe("/lib/systemd/system/systemd-networkd.service"); // the image's /lib is a link to /usr/lib: either names the unit
        Read("etc/resolv.conf").ShouldBe("search lab.example\nnameserver 192.168.10.2\nnameserver 192.168.10.3\n");
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.ApplyNetworkSettings}.log")).ShouldContain("WORKGROUP (WorkgroupName) has no meaning on Linux");
    }

    [Fact]
    public async Task Apply_network_settings_without_adapters_configures_dhcp_on_every_wired_adapter()
    {
        await RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings, []);

        Read("etc/systemd/network/10-tsorch-dhcp.network").ShouldBe("[Match]\nType=ether\n\n[Network]\nDHCP=yes\n");
    }

    [Fact]
    public async Task Apply_network_settings_reads_configmgr_adapter_variables_and_writes_stanzas_busybox_ifup_reads()
    {
        Write("etc/network/interfaces", "auto lo\niface lo inet loopback\n");

        await RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings, [], new()
        {
            ["OSDAdapterCount"] = "2", ["OSDAdapter0Name"] = "eth0", ["OSDAdapter0EnableDHCP"] = "false",
            ["OSDAdapter0IPAddressList"] = "10.0.0.5/8,fd00::5/64", ["OSDAdapter0Gateways"] = "10.0.0.1",
            ["OSDAdapter1Name"] = "eth1",
        });

        Read("etc/network/interfaces").ShouldBe(
            "auto lo\niface lo inet loopback\n\n# Apply Network Settings (TsOrchestrator): begin\n"
            + "auto eth0\niface eth0 inet static\n\taddress 10.0.0.5\n\tnetmask 255.0.0.0\n\tgateway 10.0.0.1\niface eth0 inet6 static\n\taddress fd00::5\n\tnetmask 64\n\n"
            + "auto eth1\niface eth1 inet dhcp\n\n# Apply Network Settings (TsOrchestrator): end\n");
        Read("etc/systemd/network/10-tsorch-adapter0.network").ShouldContain("Address=10.0.0.5/8");

        // busybox's ifup, as a busybox-based system runs it at boot: -n prints what it would run without touching this machine.
        var planned = Disks.LoopDisk.Run("busybox", "ifup", "-n", "-i", Path.Combine(_root, "etc/network/interfaces"), "-a");
        planned.ShouldContain("ip addr add 127.0.0.1/8 dev lo");
        planned.ShouldContain("ip addr add 10.0.0.5/8 dev eth0");
        planned.ShouldContain("ip addr add fd00::5/64 dev eth0");
        planned.ShouldContain("ip route add default via 10.0.0.1 dev eth0");
        planned.ShouldContain("udhcpc -R -n -p /var/run/udhcpc.eth1.pid -i eth1");
    }

    [Fact]
    public async Task Apply_network_settings_replaces_the_images_stanzas_of_its_adapters_and_keeps_the_rest()
    {
        Write("etc/network/interfaces",
            "# The image's own.\nauto lo eth0\niface lo inet loopback\n\nallow-hotplug eth0 eth2\niface eth0 inet dhcp\n\tpre-up true\n\niface eth2 inet dhcp\n");
        Write("etc/network/interfaces.d/tsorch", "auto eth0\niface eth0 inet dhcp\n");
        var settings = new Dictionary<string, string> { ["Adapters"] = """[{"Name":"eth0","EnableDHCP":false,"IPAddressList":"192.168.4.9","SubnetMask":"255.255.255.0"}]""" };

        await RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings, settings);
        await RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings, settings);

        Read("etc/network/interfaces").ShouldBe(
            "# The image's own.\nauto lo\niface lo inet loopback\n\nallow-hotplug eth2\n\niface eth2 inet dhcp\n\n# Apply Network Settings (TsOrchestrator): begin\n"
            + "auto eth0\niface eth0 inet static\n\taddress 192.168.4.9\n\tnetmask 255.255.255.0\n\n# Apply Network Settings (TsOrchestrator): end\n");
        File.Exists(Path.Combine(_root, "etc/network/interfaces.d/tsorch")).ShouldBeFalse();
        Disks.LoopDisk.Run("busybox", "ifup", "-n", "-i", Path.Combine(_root, "etc/network/interfaces"), "-a").ShouldContain("ip addr add 192.168.4.9/24 dev eth0");
    }

    [Theory]
    [InlineData("""[{"Name":"ens3","EnableDHCP":false}]""", "Adapters[0]", "IPAddressList")]
    [InlineData("""[{"Name":"ens3","EnableDHCP":false,"IPAddressList":"10.0.0.300/8"}]""", "Adapters[0].IPAddressList", "10.0.0.300")]
    [InlineData("""[{"Name":"ens3","IPAddressList":"10.0.0.3","SubnetMask":"255.0.255.0","EnableDHCP":false}]""", "Adapters[0].IPAddressList", "SubnetMask")]
    [InlineData("""[{"Nmae":"ens3"}]""", "Adapters[0]", "Nmae")]
    [InlineData("""{"Name":"ens3"}""", "Adapters", "array")]
    public async Task Bad_adapter_settings_fail_naming_the_field_and_write_nothing(string adapters, string field, string detail)
    {
        var ex = await Should.ThrowAsync<StepFailedException>(() =>
            RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings, new() { ["Adapters"] = adapters }));

        ex.Message.ShouldContain(field);
        ex.Message.ShouldContain(detail);
        Directory.Exists(Path.Combine(_root, "etc/systemd/network")).ShouldBeFalse();
    }

    [Fact]
    public async Task Domain_join_is_refused_by_name_before_anything_is_written()
    {
        var ex = await Should.ThrowAsync<StepFailedException>(() => RunAsync(new ApplyNetworkSettingsHandler(), StepTypeIds.ApplyNetworkSettings,
            new() { ["Type"] = "1", ["DomainName"] = "corp.example", ["DomainUsername"] = "corp\\joiner" }));

        ex.Message.ShouldContain("corp.example (DomainName) is not supported on Linux");
        Directory.Exists(Path.Combine(_root, "etc/systemd/network")).ShouldBeFalse();

        var join = await Should.ThrowAsync<StepFailedException>(() => RunAsync(new JoinDomainOrWorkgroupHandler(), StepTypeIds.JoinDomainOrWorkgroup,
            new() { ["Type"] = "1", ["DomainName"] = "corp.example" }));
        join.Message.ShouldContain("Join Domain or Workgroup");
    }

    [Fact]
    public async Task Joining_a_workgroup_succeeds_with_a_note_that_it_has_no_meaning_on_linux()
    {
        var result = await RunAsync(new JoinDomainOrWorkgroupHandler(), StepTypeIds.JoinDomainOrWorkgroup, new() { ["Type"] = "2", ["WorkgroupName"] = "LAB" });

        result.ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.JoinDomainOrWorkgroup}.log")).ShouldContain("LAB (WorkgroupName) has no meaning on Linux");
    }
}
