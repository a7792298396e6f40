using TsOrchestrator.Agent.Facts;

namespace TsOrchestrator.Agent.Tests.Facts;

public sealed class DeviceChassisTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("tsorch-chassis-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("17", "server")]
    [InlineData("23", "server")]
    [InlineData("28", "server")]
    [InlineData("29", "server")]
    [InlineData("3", "desktop")]
    [InlineData("10", "laptop")]
    [InlineData("1", null)]
    [InlineData("2", null)]
    [InlineData("", null)]
    public void Smbios_chassis_types_map_to_systemds_chassis_words(string type, string? chassis) =>
        DeviceChassis.FromSmbiosType(type).ShouldBe(chassis);

    [Fact]
    public void Machine_info_chassis_wins_over_the_firmwares_chassis_type()
    {
        Write("sys/class/dmi/id/chassis_type", "3\n");
        DeviceChassis.Read(_root.FullName).ShouldBe("desktop");

        Write("etc/machine-info", "PRETTY_HOSTNAME=\"Rack 4\"\nCHASSIS=\"server\"\n");
        DeviceChassis.Read(_root.FullName).ShouldBe("server");
    }

    [Fact]
    public void Lab_vm_whose_firmware_says_other_is_no_server()
    {
        // QEMU's default SMBIOS tables give chassis type 1 ("Other").
        Write("sys/class/dmi/id/chassis_type", "1\n");
        DeviceChassis.Read(_root.FullName).ShouldBeNull();

        Write("etc/machine-info", "CHASSIS=vm\n");
        DeviceChassis.Read(_root.FullName).ShouldBe("vm");
    }

    [Fact]
    public void System_that_says_nothing_has_no_chassis() => DeviceChassis.Read(_root.FullName).ShouldBeNull();

    [Theory]
    [InlineData("WinNT", "workstation")]
    [InlineData("ServerNT", "server")]
    [InlineData("LanmanNT", "domainController")]
    [InlineData(null, null)]
    public void Windows_product_types_name_workstations_servers_and_domain_controllers(string? value, string? productType) =>
        OsProductType.FromRegistryValue(value).ShouldBe(productType);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
