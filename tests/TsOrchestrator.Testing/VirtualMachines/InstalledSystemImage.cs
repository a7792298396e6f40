using System.Text.Json;

namespace TsOrchestrator.Testing.VirtualMachines;

/// <summary>
/// A small installable Linux system made from what the boot image already holds, packed as the OS image the bare-metal
/// sequence applies (<c>system.tar.zst</c>): the boot image's initrd tree (busybox, kernel modules, the agent's
/// libraries) with busybox init as <c>/sbin/init</c>, an inittab whose sysinit script mounts the kernel's file
/// systems, remounts the root read-write and brings the network up with busybox ifup from what Apply Network Settings
/// wrote (nothing else configures it), the
/// boot image's kernel as <c>/boot/vmlinuz-&lt;version&gt;</c> and its initrd as <c>/boot/initrd.img-&lt;version&gt;</c>
/// (the initrd's /init mounts the root= file system and switches to it when the kernel command line names one).
/// </summary>
public static class InstalledSystemImage
{
    public const string ImageFile = "system.tar.zst";

    public const string HostName = "image-host";

    /// <summary>A file only the image has (the boot image's initrd does not), to find on the deployed partition.</summary>
    public const string MarkerFile = "etc/tsorch-image-release";

    public const string MarkerText = "TsOrchestrator bare-metal test image\n";

    private const string Rcs = """
        #!/bin/sh
        # sysinit of the test image: the kernel's file systems, the root read-write, modules, host name, network.
        export PATH=/usr/sbin:/usr/bin:/sbin:/bin
        mounted() { grep -qs " $1 " /proc/mounts; }
        mounted /proc || mount -t proc proc /proc
        mounted /sys || mount -t sysfs sys /sys
        mounted /dev || mount -t devtmpfs dev /dev
        mkdir -p /dev/pts && { mounted /dev/pts || mount -t devpts devpts /dev/pts; }
        mounted /run || mount -t tmpfs -o mode=0755 run /run
        mounted /tmp || mount -t tmpfs tmp /tmp
        mount -o remount,rw /
        for module in virtio_pci virtio_net virtio_blk ext4 af_packet; do modprobe -q "$module" 2>/dev/null; done
        hostname -F /etc/hostname
        ip link set lo up
        mkdir -p /run/network
        # The network as Apply Network Settings configured it (its block in /etc/network/interfaces): nothing else brings
        # it up, so the installed agent reaches the server only if the step's configuration works.
        ifup -a
        interface=""
        for path in /sys/class/net/*; do [ "${path##*/}" = lo ] || { interface="${path##*/}"; break; }; done
        echo "tsorch-image: $(hostname) up after $(cut -d' ' -f1 /proc/uptime) s: $(ip -4 addr show dev "$interface" | awk '/inet / {print $2}')" >/dev/console
        """;

    /// <summary>Builds the image into <paramref name="folder"/> (which becomes the package source) and returns the kernel version.</summary>
    public static async Task<string> BuildAsync(string bootImage, string work, string folder)
    {
        var kernel = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bootImage, "boot-image.json"))).RootElement.GetProperty("kernel").GetString()!;
        var root = Directory.CreateDirectory(Path.Combine(work, "image-root")).FullName;
        var initrd = Path.Combine(bootImage, "initrd.img");
        await HostCommand.RunAsync("sh", "-c", "gzip -dc \"$1\" | (cd \"$2\" && cpio -idm --quiet --no-absolute-filenames)", "sh", initrd, root);

        foreach (var dir in (string[])["boot", "root", "etc/init.d", "etc/network/if-pre-up.d", "etc/network/if-up.d", "etc/network/if-down.d",
                     "etc/network/if-post-down.d", "etc/network/interfaces.d", "var/lib", "var", "proc", "sys", "dev", "run", "tmp"])
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        File.Copy(Path.Combine(bootImage, "vmlinuz"), Path.Combine(root, "boot", $"vmlinuz-{kernel}"));
        File.Copy(initrd, Path.Combine(root, "boot", $"initrd.img-{kernel}"));
        Replace(Path.Combine(root, "sbin", "init"), "/bin/busybox");
        Replace(Path.Combine(root, "var", "run"), "/run");
        // Debian's busybox udhcpc, which ifup starts, runs /etc/udhcpc/default.script unless told otherwise.
        Directory.CreateDirectory(Path.Combine(root, "etc", "udhcpc"));
        Replace(Path.Combine(root, "etc", "udhcpc", "default.script"), "/usr/share/udhcpc/default.script");
        Write(root, "etc/inittab", "::sysinit:/etc/init.d/rcS\n::ctrlaltdel:/sbin/reboot -f\n::shutdown:/bin/umount -a -r\n");
        Write(root, "etc/init.d/rcS", Rcs.ReplaceLineEndings("\n") + "\n");
        Write(root, "etc/hostname", HostName + "\n");
        Write(root, "etc/hosts", "127.0.0.1 localhost\n127.0.1.1 " + HostName + "\n");
        Write(root, "etc/fstab", "");
        Write(root, "etc/shadow", "root:*:20400:0:99999:7:::\n");
        Write(root, "etc/network/interfaces", "auto lo\niface lo inet loopback\n");
        Write(root, MarkerFile, MarkerText);
        await HostCommand.RunAsync("chmod", "0755", Path.Combine(root, "etc/init.d/rcS"));
        await HostCommand.RunAsync("chmod", "0600", Path.Combine(root, "etc/shadow"));

        Directory.CreateDirectory(folder);
        await HostCommand.RunAsync("sh", "-c", "tar -C \"$1\" --numeric-owner -cf - . | zstd -q -T0 -3 -o \"$2\"", "sh", root, Path.Combine(folder, ImageFile));
        Directory.Delete(root, recursive: true);
        return kernel;
    }

    private static void Write(string root, string path, string text) => File.WriteAllText(Path.Combine(root, path), text);

    private static void Replace(string link, string target)
    {
        if (File.Exists(link) || Directory.Exists(link) || new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }

        File.CreateSymbolicLink(link, target);
    }
}
