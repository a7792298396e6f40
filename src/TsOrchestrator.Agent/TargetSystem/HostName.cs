using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>A computer name as Linux takes it: a host name of letters, digits and hyphens (RFC 1123), written to /etc/hostname and /etc/hosts.</summary>
internal static class HostName
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Check(string name, string field)
    {
        var labels = name.Split('.');
        if (name.Length is 0 or > 253 || labels.Any(label => label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') ||
                                                              !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new StepFailedException($"the computer name '{name}' ({field}) is not a host name: use letters, digits and hyphens, at most 63 per label, not starting or ending with a hyphen");
        }
    }

    public static void Write(string root, string name)
    {
        TargetPath.WriteFile(root, "/etc/hostname", name + "\n", Mode);
        var shortName = name.Split('.')[0];
        var entry = name == shortName ? $"127.0.1.1\t{name}" : $"127.0.1.1\t{name} {shortName}";

        // Debian names the machine on 127.0.1.1; that line is replaced and every other line kept.
        var hosts = TargetPath.ReadFile(root, "/etc/hosts") ?? "127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n";
        var lines = hosts.TrimEnd('\n').Split('\n').Where(line => !line.StartsWith("127.0.1.1", StringComparison.Ordinal)).ToList();
        var afterLocalhost = lines.FindIndex(line => line.StartsWith("127.0.0.1", StringComparison.Ordinal)) + 1;
        lines.Insert(afterLocalhost, entry);
        TargetPath.WriteFile(root, "/etc/hosts", string.Join('\n', lines) + "\n", Mode);
    }
}
