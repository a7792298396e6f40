using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

/// <summary>Setup Operating System on real loop devices: GRUB, fstab and the agent with its journal in the applied system.</summary>
[SupportedOSPlatform("linux")]
public sealed class SetupOperatingSystemHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    /// <summary>The agent binary the tests install: the agent as built beside the tests (the AOT one when the suite has it).</summary>
    private static readonly string AgentBinary = Environment.GetEnvironmentVariable("TSORCH_AGENT_BINARY") is { Length: > 0 } aot
        ? aot
        : Path.Combine(AppContext.BaseDirectory, "tsorch-agent");

    public void Dispose() => _sandbox.Dispose();

    private Task<Contracts.Agents.WorkItemResult> RunAsync(string root, string partition, Dictionary<string, string> settings, Func<string?>? binary = null)
    {
        var context = _sandbox.Context(StepTypeIds.SetupOperatingSystem, settings,
            new() { ["OSDTargetSystemDrive"] = root, ["OSDTargetSystemPartition"] = partition });
        return new SetupOperatingSystemHandler(binary ?? (() => AgentBinary)).RunAsync(context, CancellationToken.None);
    }

    [Fact]
    public async Task Setup_operating_system_on_bios_puts_grub_in_the_mbr_and_a_grub_cfg_naming_the_root_uuid()
    {
        using var disk = LoopDisk.Create(64, "label: dos\nstart=2048, type=83\n");
        disk.Format(1, "ext4");
        var root = disk.Mount(1);
        AppliedSystem.Create(root);
        File.WriteAllText(Path.Combine(_sandbox.Root, "device.json"), "{\"deviceId\":\"D1\"}");

        var result = await RunAsync(root, disk.Partition(1), new() { ["BootFirmware"] = "BIOS", ["KernelArguments"] = "console=ttyS0" });

        result.ExitCode.ShouldBe(0);
        result.Variables!["SMSTSRebootRequested"].ShouldBe("true");
        var uuid = LoopDisk.Run("blkid", ["-p", "-s", "UUID", "-o", "value", disk.Partition(1)]).Trim();
        var mbr = new byte[512];
        using (var device = File.OpenRead(disk.Device))
        {
            device.ReadExactly(mbr);
        }

        Encoding.ASCII.GetString(mbr, 0, 440).ShouldContain("GRUB");
        (mbr[510], mbr[511]).ShouldBe(((byte)0x55, (byte)0xAA));
        File.Exists(Path.Combine(root, "boot/grub/i386-pc/core.img")).ShouldBeTrue();
        var config = File.ReadAllText(Path.Combine(root, "boot/grub/grub.cfg"));
        config.ShouldContain($"search --no-floppy --fs-uuid --set=root {uuid}");
        config.ShouldContain($"linux /boot/vmlinuz-{AppliedSystem.KernelVersion} root=UUID={uuid} ro console=ttyS0");
        config.ShouldContain($"initrd /boot/initrd.img-{AppliedSystem.KernelVersion}");
        var fstab = File.ReadAllText(Path.Combine(root, "etc/fstab"));
        fstab.ShouldContain($"UUID={uuid}\t/\text4\terrors=remount-ro\t0\t1");
        fstab.ShouldContain("tmpfs /tmp tmpfs");
        fstab.ShouldNotContain("/dev/sda1");
    }

    [Fact]
    public async Task Setup_operating_system_installs_the_agent_as_a_service_with_a_journal_that_says_the_step_finished()
    {
        using var disk = LoopDisk.Create(64, "label: dos\nstart=2048, type=83\n");
        disk.Format(1, "ext4");
        var root = disk.Mount(1);
        AppliedSystem.Create(root);
        File.WriteAllText(Path.Combine(_sandbox.Root, "device.json"), "{\"deviceId\":\"D1\"}");

        await RunAsync(root, disk.Partition(1), new() { ["BootFirmware"] = "BIOS" });

        File.ReadAllBytes(Path.Combine(root, "usr/local/bin/tsorch-agent")).ShouldBe(File.ReadAllBytes(AgentBinary));
        File.GetUnixFileMode(Path.Combine(root, "usr/local/bin/tsorch-agent")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        File.ReadAllText(Path.Combine(root, "etc/tsorch-agent.env")).ShouldBe("TSORCH_AGENT_SERVER=http://127.0.0.1:9/\n");
        File.ReadAllText(Path.Combine(root, "var/lib/tsorch-agent/device.json")).ShouldContain("D1");
        File.GetUnixFileMode(Path.Combine(root, "var/lib/tsorch-agent/device.json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(Path.Combine(root, "etc/systemd/system/tsorch-agent.service")).ShouldContain("ExecStart=/usr/local/bin/tsorch-agent run --state-dir /var/lib/tsorch-agent");
        File.ResolveLinkTarget(Path.Combine(root, "etc/systemd/system/multi-user.target.wants/tsorch-agent.service"), false)!.FullName
            .ShouldBe("/etc/systemd/system/tsorch-agent.service");
        var journal = new CheckpointJournal(Path.Combine(root, "var/lib/tsorch-agent"), TimeProvider.System).Load();
        journal.Record.ShouldNotBeNull();
        journal.Record.State.ShouldBe(CheckpointState.Finished);
        journal.Record.WorkItemId.ShouldBe("w1");
        journal.Record.RunId.ShouldBe("R1");
        journal.Record.Result!.Variables!["SMSTSRebootRequested"].ShouldBe("true");
    }

    [Fact]
    public async Task Setup_operating_system_on_uefi_installs_grub_on_the_efi_system_partition_and_mounts_it_in_fstab()
    {
        using var disk = LoopDisk.Create(160, "label: gpt\nstart=2048, size=100MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\ntype=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n");
        disk.Format(1, "vfat");
        disk.Format(2, "ext4");
        var root = disk.Mount(2);
        AppliedSystem.Create(root);

        await RunAsync(root, disk.Partition(2), new() { ["BootFirmware"] = "UEFI" });

        // Read from the partition itself with mtools: this machine's kernel may have no FAT driver to mount it.
        LoopDisk.Run("mdir", ["-b", "-i", disk.Partition(1), "::/EFI/BOOT"]).ShouldContain("BOOTX64.EFI");
        File.Exists(Path.Combine(root, "boot/grub/x86_64-efi/core.efi")).ShouldBeTrue();
        var espUuid = LoopDisk.Run("blkid", ["-p", "-s", "UUID", "-o", "value", disk.Partition(1)]).Trim();
        File.ReadAllText(Path.Combine(root, "etc/fstab")).ShouldContain($"UUID={espUuid}\t/boot/efi\tvfat\tumask=0077\t0\t2");
    }

    [Fact]
    public async Task Target_partition_is_mounted_again_when_the_applied_system_is_no_longer_mounted()
    {
        using var disk = LoopDisk.Create(64, "label: dos\nstart=2048, type=83\n");
        disk.Format(1, "ext4");
        var root = disk.Mount(1);
        AppliedSystem.Create(root);
        LoopDisk.Run("umount", [root]);
        File.Exists(Path.Combine(root, "etc/shadow")).ShouldBeFalse();

        await RunAsync(root, disk.Partition(1), new() { ["BootFirmware"] = "BIOS" });

        File.ReadAllText("/proc/self/mountinfo").ShouldContain($" {root} ");
        File.Exists(Path.Combine(root, "boot/grub/grub.cfg")).ShouldBeTrue();
    }

    [Fact]
    public async Task Setup_operating_system_refuses_an_agent_run_by_dotnet_before_writing_anything()
    {
        var root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(root);

        var ex = await Should.ThrowAsync<StepFailedException>(() => RunAsync(root, "", [], () => "/usr/share/dotnet/dotnet"));

        ex.Message.ShouldContain("single-file");
        File.ReadAllText(Path.Combine(root, "etc/fstab")).ShouldStartWith("# image fstab");
    }

    [Fact]
    public async Task Setup_operating_system_refuses_an_applied_system_that_is_a_folder_not_a_partition()
    {
        var root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(root);

        var ex = await Should.ThrowAsync<StepFailedException>(() => RunAsync(root, "", [], () => AgentBinary));

        ex.Message.ShouldContain("not a mounted partition");
        File.ReadAllText(Path.Combine(root, "etc/fstab")).ShouldStartWith("# image fstab");
        File.Exists(Path.Combine(root, "usr/local/bin/tsorch-agent")).ShouldBeFalse();
    }
}
