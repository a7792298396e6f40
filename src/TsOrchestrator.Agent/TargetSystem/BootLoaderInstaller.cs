using System.Text;
using TsOrchestrator.Agent.Disks;
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

    /// <summary>Installs GRUB; <c>staging</c> is a folder of the step's own, for an EFI system partition that this kernel cannot mount.</summary>
    public static async Task<BootLoaderResult> InstallAsync(string root, bool uefi, string kernelArguments, string staging, StepLog log, CancellationToken cancellationToken)
    {
        var rootMount = MountTable.At(root)
            ?? throw new StepFailedException($"the applied system {root} is a folder, not a mounted partition: a boot loader needs the partition it boots from");
        var disk = BlockDevices.DiskOf(rootMount.Source);
        var rootUuid = await BlockDevices.UuidAsync(rootMount.Source, log, cancellationToken);
        var boot = FindKernel(root);

        var bootFolder = TargetPath.Folder(root, "/boot");
        string? unmountedEspUuid = null;
        if (uefi)
        {
            var (partition, uuid) = await FindEspAsync(disk, cancellationToken);
            var mountPoint = TargetPath.Folder(root, "/boot/efi");
            if (await MountEspAsync(partition, mountPoint, log, cancellationToken))
            {
                await SystemTool.RunAsync("grub-install", "grub-efi-amd64-bin and grub2-common",
                    ["--target=x86_64-efi", $"--efi-directory={mountPoint}", $"--boot-directory={bootFolder}", "--removable", "--no-nvram", "--no-floppy"], log, cancellationToken);
            }
            else
            {
                await InstallEfiUnmountedAsync(partition, bootFolder, rootUuid, staging, log, cancellationToken);
                unmountedEspUuid = uuid;
            }
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
        return new BootLoaderResult(disk, rootMount.Source, rootUuid, boot.Kernel, unmountedEspUuid);
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

    /// <summary>The disk's EFI system partition (by its partition type) and its file system's UUID.</summary>
    private static async Task<(string Partition, string Uuid)> FindEspAsync(string disk, CancellationToken cancellationToken)
    {
        foreach (var partition in BlockDevices.PartitionsOf(disk))
        {
            var facts = await BlockDevices.ProbeAsync(partition, null, cancellationToken);
            if (BlockDevices.IsEsp(facts))
            {
                return facts.TryGetValue("TYPE", out var type) && type == "vfat" && facts.TryGetValue("UUID", out var uuid)
                    ? (partition, uuid)
                    : throw new StepFailedException($"the EFI system partition {partition} is not formatted FAT (vfat): format it in Format and Partition Disk");
            }
        }

        throw new StepFailedException($"{disk} has no EFI system partition: a UEFI boot loader needs one (Format and Partition Disk, type EFI, FAT32)");
    }

    /// <summary>Mounts the ESP at the target's /boot/efi; false when this kernel has no FAT driver (a minimal boot image).</summary>
    private static async Task<bool> MountEspAsync(string partition, string mountPoint, StepLog log, CancellationToken cancellationToken)
    {
        if (MountTable.At(mountPoint) is not null)
        {
            return true;
        }

        try
        {
            await SystemTool.RunAsync("mount", "mount", [partition, mountPoint], log, cancellationToken);
            return true;
        }
        catch (StepFailedException ex) when (ex.Message.Contains("unknown filesystem type", StringComparison.Ordinal))
        {
            log.Line($"this kernel cannot mount FAT: GRUB's EFI image is built with grub-mkimage and copied onto {partition} with mtools");
            return false;
        }
    }

    /// <summary>
    /// What grub-install does for a removable ESP, without mounting it (grub-install insists on a mounted FAT folder):
    /// GRUB's modules into the target's /boot/grub, an EFI image whose early configuration finds the root file system
    /// by UUID, copied to the ESP's EFI/BOOT/BOOTX64.EFI with mtools.
    /// </summary>
    private static async Task InstallEfiUnmountedAsync(string partition, string bootFolder, string rootUuid, string staging, StepLog log, CancellationToken cancellationToken)
    {
        const string Modules = "/usr/lib/grub/x86_64-efi";
        if (!Directory.Exists(Modules))
        {
            throw new StepFailedException($"GRUB's UEFI modules ({Modules}) are not installed on this device: install the Debian package grub-efi-amd64-bin");
        }

        var grubModules = Path.Combine(bootFolder, "grub", "x86_64-efi");
        Directory.CreateDirectory(grubModules);
        foreach (var file in Directory.GetFiles(Modules))
        {
            File.Copy(file, Path.Combine(grubModules, Path.GetFileName(file)), overwrite: true);
        }

        var boot = Path.Combine(staging, "esp", "EFI", "BOOT");
        Directory.CreateDirectory(boot);
        var early = Path.Combine(staging, "early.cfg");
        await File.WriteAllTextAsync(early, $"search.fs_uuid {rootUuid} root\nset prefix=($root)/boot/grub\n", cancellationToken);
        await SystemTool.RunAsync("grub-mkimage", "grub2-common",
            ["-O", "x86_64-efi", "-d", Modules, "-o", Path.Combine(boot, "BOOTX64.EFI"), "-p", "/boot/grub", "-c", early,
             "part_gpt", "part_msdos", "fat", "ext2", "xfs", "search", "search_fs_uuid", "normal", "configfile", "linux", "echo", "all_video", "gzio"],
            log, cancellationToken);
        File.Copy(Path.Combine(boot, "BOOTX64.EFI"), Path.Combine(grubModules, "core.efi"), overwrite: true);
        await SystemTool.RunAsync("mcopy", "mtools", ["-i", partition, "-s", "-o", "-n", Path.Combine(staging, "esp", "EFI"), "::/"], log, cancellationToken);
    }
}
