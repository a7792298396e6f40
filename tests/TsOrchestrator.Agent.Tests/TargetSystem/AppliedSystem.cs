namespace TsOrchestrator.Agent.Tests.TargetSystem;

/// <summary>A small root tree like an applied Debian system's: enough for the configuration steps to write into.</summary>
internal static class AppliedSystem
{
    public const string KernelVersion = "6.1.0-57-cloud-amd64";

    /// <summary>
    /// Lays the tree out in <paramref name="root"/>. Its /lib is an absolute link to /usr/lib, as a careless image may
    /// have it: read on the device as is, it would lead into the running system.
    /// </summary>
    public static void Create(string root, bool systemd = true)
    {
        Write(root, "etc/shadow", "root:$6$old$oldhash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
        Write(root, "etc/hosts", "127.0.0.1\tlocalhost\n127.0.1.1\timage-builder\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        Write(root, "etc/hostname", "image-builder\n");
        Write(root, "etc/fstab", "# image fstab\n/dev/sda1 / ext4 defaults 0 1\ntmpfs /tmp tmpfs defaults 0 0\n");
        Write(root, $"boot/vmlinuz-{KernelVersion}", "kernel");
        Write(root, $"boot/initrd.img-{KernelVersion}", "initrd");
        Write(root, "boot/vmlinuz-6.1.0-9-cloud-amd64", "older kernel");
        Write(root, "usr/share/zoneinfo/America/New_York", "TZif");
        Write(root, "usr/share/zoneinfo/Europe/Berlin", "TZif");
        Directory.CreateDirectory(Path.Combine(root, "usr/lib/modules", KernelVersion, "kernel"));
        File.CreateSymbolicLink(Path.Combine(root, "lib"), "/usr/lib");
        if (systemd)
        {
            Write(root, "usr/lib/systemd/systemd", "systemd");
        }
        else
        {
            Write(root, "bin/busybox", "busybox");
            Write(root, "etc/inittab", "::sysinit:/etc/init.d/rcS\n");
        }
    }

    private static void Write(string root, string path, string text)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
}
