using System.Text;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// GRUB for the applied system: installed to the disk its root partition is on (BIOS: GRUB's boot code in the MBR and
/// its core image after it; UEFI: the removable-media path on the EFI system partition, which needs no NVRAM entry),
/// with a grub.cfg of our own that boots the newest kernel in the target's /boot with <c>root=UUID=</c>.
/// </summary>
internal static class BootLoaderInstaller
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static async Task<BootLoaderResult> InstallAsync(string root, bool uefi, string kernelArguments, StepLog log, CancellationToken cancellationToken)
    {
        var rootMount = MountTable.At(root)
            ?? throw new StepFailedException($"the applied system {root} is a folder, not a mounted partition: a boot loader needs the partition it boots from");
        var disk = BlockDevices.DiskOf(rootMount.Source);
        var rootUuid = await BlockDevices.UuidAsync(rootMount.Source, log, cancellationToken);
        var boot = FindKernel(root);

        var bootFolder = TargetPath.Folder(root, "/boot");
        if (uefi)
        {
            var esp = await MountEspAsync(root, disk, log, cancellationToken);
            await SystemTool.RunAsync("grub-install", "grub-efi-amd64-bin and grub2-common",
                ["--target=x86_64-efi", $"--efi-directory={esp}", $"--boot-directory={bootFolder}", "--removable", "--no-nvram", "--no-floppy"], log, cancellationToken);
        }
        else
        {
            await SystemTool.RunAsync("grub-install", "grub-pc-bin and grub2-common",
                ["--target=i386-pc", $"--boot-directory={bootFolder}", "--no-floppy", disk], log, cancellationToken);
        }

        // /boot may be a partition of its own: GRUB then finds the kernel at the root of that file system.
        var bootMount = MountTable.At(bootFolder);
        var (searchUuid, prefix) = bootMount is null ? (rootUuid, "/boot") : (await BlockDevices.UuidAsync(bootMount.Source, log, cancellationToken), "");
        var modules = new[] { rootMount.FileSystem, bootMount?.FileSystem ?? rootMount.FileSystem }.Select(GrubModule).Distinct(StringComparer.Ordinal);
        var config = new StringBuilder()
            .Append("# Written by TsOrchestrator's Setup Operating System step.\n")
            .Append("set default=0\nset timeout=1\n")
            .Append("insmod part_msdos\ninsmod part_gpt\n")
            .Append(string.Concat(modules.Select(m => $"insmod {m}\n")))
            .Append($"search --no-floppy --fs-uuid --set=root {searchUuid}\n")
            .Append($"menuentry '{boot.Version}' {{\n")
            .Append($"\tlinux {prefix}/{boot.Kernel} root=UUID={rootUuid} ro{(kernelArguments.Length > 0 ? " " + kernelArguments : "")}\n")
            .Append(boot.Initrd is { } initrd ? $"\tinitrd {prefix}/{initrd}\n" : "")
            .Append("}\n")
            .ToString();
        TargetPath.WriteFile(root, "/boot/grub/grub.cfg", config, Mode);
        log.Line($"GRUB ({(uefi ? "UEFI" : "BIOS")}) installed to {disk}; grub.cfg boots {boot.Kernel} with root=UUID={rootUuid}");
        return new BootLoaderResult(disk, rootMount.Source, rootUuid, boot.Kernel);
    }

    private static string GrubModule(string fileSystem) => fileSystem switch
    {
        "ext2" or "ext3" or "ext4" => "ext2",
        "vfat" => "fat",
        _ => fileSystem,
    };

    /// <summary>The newest kernel in the target's /boot and its initrd (Debian's names: vmlinuz-V, initrd.img-V).</summary>
    private static (string Kernel, string? Initrd, string Version) FindKernel(string root)
    {
        var boot = TargetPath.Resolve(root, "/boot/.");
        var kernels = Directory.Exists(boot) ? Directory.GetFiles(boot, "vmlinuz-*").Select(Path.GetFileName).OfType<string>().ToList() : [];
        if (kernels.Count == 0)
        {
            throw new StepFailedException($"the applied system has no kernel in /boot (vmlinuz-<version>): its image needs a kernel package");
        }

        var kernel = kernels.OrderBy(k => k["vmlinuz-".Length..], VersionOrder.Instance).Last();
        var version = kernel["vmlinuz-".Length..];
        var initrd = new[] { $"initrd.img-{version}", $"initramfs-{version}.img" }.FirstOrDefault(name => File.Exists(Path.Combine(boot, name)));
        return (kernel, initrd, version);
    }

    /// <summary>The EFI system partition of the disk, mounted at the target's /boot/efi (where its fstab will have it).</summary>
    private static async Task<string> MountEspAsync(string root, string disk, StepLog log, CancellationToken cancellationToken)
    {
        var mountPoint = TargetPath.Folder(root, "/boot/efi");
        if (MountTable.At(mountPoint) is not null)
        {
            return mountPoint;
        }

        foreach (var partition in BlockDevices.PartitionsOf(disk))
        {
            var facts = await BlockDevices.ProbeAsync(partition, null, cancellationToken);
            if (BlockDevices.IsEsp(facts))
            {
                if (!facts.TryGetValue("TYPE", out var type) || type != "vfat")
                {
                    throw new StepFailedException($"the EFI system partition {partition} is not formatted FAT (vfat): format it in Format and Partition Disk");
                }

                await SystemTool.RunAsync("mount", "mount", [partition, mountPoint], log, cancellationToken);
                return mountPoint;
            }
        }

        throw new StepFailedException($"{disk} has no EFI system partition: a UEFI boot loader needs one (Format and Partition Disk, type EFI, FAT32)");
    }
}
