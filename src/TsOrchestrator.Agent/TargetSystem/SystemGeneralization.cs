namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// What makes an applied Linux system one machine rather than an image, removed before it is captured so that every
/// machine deployed from the image gets its own: the machine id, SSH host keys, DHCP leases, log contents, and the
/// installed agent's device identity and run state (see <see cref="AgentInstaller"/>). Each removal returns what it
/// removed, for the step's log.
/// </summary>
internal static class SystemGeneralization
{
    private static readonly string[] LeaseFolders = ["/var/lib/dhcp", "/var/lib/dhclient", "/var/lib/dhcpcd", "/var/lib/NetworkManager", "/var/lib/systemd/network"];

    /// <summary>
    /// Everything in the installed agent's state folder: device.json (the device id and its key, which is how the
    /// server knows the device), the journal of the run, logs, content cache and work folders. The binary, its
    /// service and the server it talks to stay, so a machine deployed from the image starts the agent and registers as
    /// a new device.
    /// </summary>
    public static IReadOnlyList<string> RemoveAgentIdentity(string root)
    {
        var removed = new List<string>();
        var state = TargetPath.Resolve(root, AgentInstaller.StatePath);
        if (Directory.Exists(state) && new DirectoryInfo(state).LinkTarget is null)
        {
            foreach (var entry in new DirectoryInfo(state).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                Delete(entry);
                removed.Add($"{AgentInstaller.StatePath}/{entry.Name}");
            }
        }

        return removed;
    }

    /// <summary>/etc/machine-id emptied (systemd makes a new one on first boot; a missing file would leave it read-only), D-Bus's own copy removed.</summary>
    public static IReadOnlyList<string> ResetMachineId(string root)
    {
        var removed = new List<string>();
        var machineId = TargetPath.Resolve(root, "/etc/machine-id");
        if (File.Exists(machineId) && new FileInfo(machineId).Length > 0)
        {
            File.WriteAllText(machineId, "");
            removed.Add("/etc/machine-id (emptied)");
        }

        var dbus = TargetPath.Resolve(root, "/var/lib/dbus/machine-id");
        if (File.Exists(dbus) && new FileInfo(dbus).LinkTarget is null)
        {
            File.Delete(dbus);
            removed.Add("/var/lib/dbus/machine-id");
        }

        return removed;
    }

    public static IReadOnlyList<string> RemoveSshHostKeys(string root) =>
        DeleteMatching(root, "/etc/ssh", "ssh_host_*");

    public static IReadOnlyList<string> RemoveDhcpLeases(string root) =>
        [.. LeaseFolders.SelectMany(folder => DeleteMatching(root, folder, "*.lease").Concat(DeleteMatching(root, folder, "*.leases")))];

    /// <summary>
    /// /var/log's files emptied (services expect their files and folders to exist), rotated copies and the systemd
    /// journal's files removed.
    /// </summary>
    public static IReadOnlyList<string> EmptyLogs(string root)
    {
        var changed = new List<string>();
        var logs = TargetPath.Resolve(root, "/var/log");
        if (!Directory.Exists(logs) || new DirectoryInfo(logs).LinkTarget is not null)
        {
            return changed;
        }

        foreach (var file in Directory.EnumerateFiles(logs, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null)
            {
                continue;
            }

            var relative = "/var/log/" + Path.GetRelativePath(logs, file);
            if (Rotated(info.Name) || relative.StartsWith("/var/log/journal/", StringComparison.Ordinal))
            {
                info.Delete();
                changed.Add(relative);
            }
            else if (info.Length > 0)
            {
                using (new FileStream(file, FileMode.Truncate, FileAccess.Write))
                {
                }

                changed.Add(relative + " (emptied)");
            }
        }

        return changed;
    }

    private static bool Rotated(string name) =>
        name.EndsWith(".gz", StringComparison.Ordinal) || name.EndsWith(".xz", StringComparison.Ordinal) || name.EndsWith(".old", StringComparison.Ordinal) ||
        (name.LastIndexOf('.') is var dot and > 0 && name[(dot + 1)..].All(char.IsAsciiDigit) && dot < name.Length - 1);

    private static List<string> DeleteMatching(string root, string folder, string pattern)
    {
        var removed = new List<string>();
        var resolved = TargetPath.Resolve(root, folder);
        if (!Directory.Exists(resolved) || new DirectoryInfo(resolved).LinkTarget is not null)
        {
            return removed;
        }

        foreach (var file in Directory.GetFiles(resolved, pattern).Order(StringComparer.Ordinal))
        {
            File.Delete(file);
            removed.Add($"{folder}/{Path.GetFileName(file)}");
        }

        return removed;
    }

    private static void Delete(FileSystemInfo entry)
    {
        // A link is removed itself, never followed: it may point out of the applied system.
        if (entry is DirectoryInfo directory && entry.LinkTarget is null)
        {
            directory.Delete(recursive: true);
        }
        else
        {
            entry.Delete();
        }
    }
}
