using System.Runtime.Versioning;
using TsOrchestrator.Agent.Drivers;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

/// <summary>
/// Driver steps with real kernel modules (Debian's, unpacked by tools/osconfig-tools.sh) matched against this machine's
/// real devices in /sys, copied into an applied system and indexed by the real depmod.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DriverHandlerTests : IDisposable
{
    private static readonly string Modules = Path.Combine(Environment.GetEnvironmentVariable("TSORCH_TEST_KERNEL_MODULES") is { Length: > 0 } folder
        ? folder
        : "/var/cache/tsorch-test/kernel-modules", "lib", "modules");

    private readonly StepSandbox _sandbox = new();
    private readonly string _root;
    private readonly string _package;

    public DriverHandlerTests()
    {
        _root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(_root);
        _package = Path.Combine(_sandbox.Root, "DRV00001");
        Directory.CreateDirectory(Path.Combine(_package, "modules"));
        Directory.CreateDirectory(Path.Combine(_package, "firmware", "vendor"));
        File.WriteAllText(Path.Combine(_package, "firmware", "vendor", "blob.bin"), "firmware");
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>The device this machine has and the real module that claims it, found by reading /sys and the modules' aliases.</summary>
    private static async Task<(string Device, string Module)> RealDeviceAndModuleAsync()
    {
        Directory.Exists(Modules).ShouldBeTrue($"{Modules} is missing: run tools/osconfig-tools.sh");
        var kernel = Directory.GetDirectories(Modules).Single();
        var devices = DeviceModaliases.Read();
        devices.ShouldNotBeEmpty("this machine reports no PCI, USB or virtio device in /sys");
        foreach (var candidate in new[] { "drivers/virtio/virtio_pci.ko", "drivers/net/virtio_net.ko", "drivers/block/virtio_blk.ko", "drivers/net/ethernet/intel/e1000/e1000.ko" })
        {
            var module = Path.Combine(kernel, "kernel", candidate);
            var found = Directory.GetFiles(Path.GetDirectoryName(module)!, Path.GetFileName(module) + "*").FirstOrDefault();
            if (found is null)
            {
                continue;
            }

            var aliases = (await TsOrchestrator.Agent.Disks.SystemTool.RunAsync("modinfo", "kmod", ["-F", "alias", found], null, CancellationToken.None))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (devices.FirstOrDefault(d => aliases.Any(a => ModaliasPattern.Matches(a, d))) is { } device)
            {
                return (device, found);
            }
        }

        throw new InvalidOperationException($"no module of {kernel} claims a device of this machine ({string.Join(", ", devices)})");
    }

    private static string AnyUnmatchedModule(IReadOnlyList<string> devices)
    {
        var kernel = Directory.GetDirectories(Modules).Single();
        return Directory.GetFiles(Path.Combine(kernel, "kernel", "fs"), "*.ko*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
    }

    private Dictionary<string, string> Variables() => new() { ["OSDTargetSystemDrive"] = _root, ["_TSPackagePathDRV00001"] = _package };

    [Fact]
    public async Task Auto_apply_drivers_copies_the_module_matching_a_device_of_this_machine_into_the_applied_kernel_and_runs_depmod()
    {
        var (device, module) = await RealDeviceAndModuleAsync();
        File.Copy(module, Path.Combine(_package, "modules", Path.GetFileName(module)));
        var unmatched = AnyUnmatchedModule(DeviceModaliases.Read());
        File.Copy(unmatched, Path.Combine(_package, "modules", Path.GetFileName(unmatched)));

        var result = await new AutoApplyDriversHandler().RunAsync(
            _sandbox.Context(StepTypeIds.AutoApplyDrivers, new() { ["InstallOnlyBestMatch"] = "true" }, Variables()), CancellationToken.None);

        result.ExitCode.ShouldBe(0);
        var updates = Path.Combine(_root, "usr/lib/modules", AppliedSystem.KernelVersion, "updates");
        File.ReadAllBytes(Path.Combine(updates, Path.GetFileName(module))).ShouldBe(File.ReadAllBytes(module));
        File.Exists(Path.Combine(updates, Path.GetFileName(unmatched))).ShouldBeFalse();
        var name = Path.GetFileName(module).Split(".ko")[0];
        File.ReadAllText(Path.Combine(_root, "usr/lib/modules", AppliedSystem.KernelVersion, "modules.dep")).ShouldContain($"updates/{name}.ko");
        File.ReadAllText(Path.Combine(_root, "usr/lib/modules", AppliedSystem.KernelVersion, "modules.alias")).ShouldContain(name);
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.AutoApplyDrivers}.log")).ShouldContain($"{device}: {name}");
        Directory.Exists("/usr/lib/modules/" + AppliedSystem.KernelVersion).ShouldBeFalse("nothing is written into the running system");
    }

    [Fact]
    public async Task Apply_driver_package_copies_every_module_and_its_firmware_without_matching()
    {
        var (_, module) = await RealDeviceAndModuleAsync();
        var unmatched = AnyUnmatchedModule(DeviceModaliases.Read());
        File.Copy(module, Path.Combine(_package, "modules", Path.GetFileName(module)));
        File.Copy(unmatched, Path.Combine(_package, "modules", Path.GetFileName(unmatched)));

        var result = await new ApplyDriverPackageHandler().RunAsync(
            _sandbox.Context(StepTypeIds.ApplyDriverPackage, new() { ["DriverPackageID"] = "DRV00001" }, Variables()), CancellationToken.None);

        result.ExitCode.ShouldBe(0);
        var updates = Path.Combine(_root, "usr/lib/modules", AppliedSystem.KernelVersion, "updates");
        File.Exists(Path.Combine(updates, Path.GetFileName(module))).ShouldBeTrue();
        File.Exists(Path.Combine(updates, Path.GetFileName(unmatched))).ShouldBeTrue();
        File.ReadAllText(Path.Combine(_root, "usr/lib/firmware/vendor/blob.bin")).ShouldBe("firmware");
    }

    [Fact]
    public async Task Apply_driver_package_without_modules_fails_naming_the_package()
    {
        Directory.Delete(Path.Combine(_package, "firmware"), recursive: true);

        var ex = await Should.ThrowAsync<StepFailedException>(() => new ApplyDriverPackageHandler().RunAsync(
            _sandbox.Context(StepTypeIds.ApplyDriverPackage, new() { ["DriverPackageID"] = "DRV00001" }, Variables()), CancellationToken.None));

        ex.Message.ShouldContain("DRV00001");
        ex.Message.ShouldContain("DriverPackageID");
    }

    [Theory]
    [InlineData("pci:v00001AF4d*sv*sd*bc*sc*i*", "pci:v00001AF4d00001041sv00001AF4sd00001041bc02sc00i00", true)]
    [InlineData("pci:v00008086d*sv*sd*bc*sc*i*", "pci:v00001AF4d00001041sv00001AF4sd00001041bc02sc00i00", false)]
    [InlineData("usb:v046Dp*d*dc*dsc*dp*ic03isc*ip*in*", "usb:v046DpC52Bd1201dc00dsc00dp00ic03isc01ip02in00", true)]
    [InlineData("pci:v*d*sv*sd*bc0[12]sc*i*", "pci:v00001AF4d00001042sv00001AF4sd00001042bc01sc80i00", true)]
    [InlineData("pci:v*d*sv*sd*bc0[!12]sc*i*", "pci:v00001AF4d00001042sv00001AF4sd00001042bc01sc80i00", false)]
    [InlineData("virtio:d0000000?v*", "virtio:d00000001v00001AF4", true)]
    public void Modalias_patterns_match_as_modprobe_globs(string pattern, string alias, bool matches) =>
        ModaliasPattern.Matches(pattern, alias).ShouldBe(matches);
}
