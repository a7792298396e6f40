namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// The settings Capture Windows Settings reads from a system's files, as Debian keeps them (and as Apply Windows
/// Settings writes them): /etc/hostname, /etc/timezone or the /etc/localtime link, LANG in /etc/default/locale.
/// </summary>
internal static class RunningSystemSettings
{
    private const string ZoneFolder = "/usr/share/zoneinfo/";

    public static string? HostName(string root)
    {
        var text = TargetPath.ReadFile(root, "/etc/hostname");
        var name = text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        if (name is null && root == "/" && Environment.MachineName is { Length: > 0 } machine)
        {
            // systemd systems without /etc/hostname take the name from DHCP or the kernel.
            return machine;
        }

        return name;
    }

    public static string? TimeZone(string root)
    {
        if (TargetPath.ReadFile(root, "/etc/timezone")?.Trim() is { Length: > 0 } named)
        {
            return named;
        }

        var localtime = TargetPath.Resolve(root, "/etc/localtime");
        if (new FileInfo(localtime).LinkTarget is { } target)
        {
            // The link may be relative (../usr/share/zoneinfo/Europe/Berlin) or absolute.
            var index = target.IndexOf(ZoneFolder, StringComparison.Ordinal);
            var relative = target.IndexOf("zoneinfo/", StringComparison.Ordinal);
            if (index >= 0)
            {
                return target[(index + ZoneFolder.Length)..];
            }

            if (relative >= 0)
            {
                return target[(relative + "zoneinfo/".Length)..];
            }
        }

        return null;
    }

    public static string? Locale(string root)
    {
        foreach (var file in new[] { "/etc/default/locale", "/etc/locale.conf" })
        {
            var text = TargetPath.ReadFile(root, file);
            var lang = text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("LANG=", StringComparison.Ordinal));
            if (lang?["LANG=".Length..].Trim('"', '\'', ' ') is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }
}
