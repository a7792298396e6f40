using System.Text;

namespace TsOrchestrator.Agent.Disks;

/// <summary>The mounts this process sees (<c>/proc/self/mountinfo</c>): the one reader of it, for what is mounted where.</summary>
internal static class MountTable
{
    public static IReadOnlyList<MountEntry> Read()
    {
        const string MountInfo = "/proc/self/mountinfo";
        if (!File.Exists(MountInfo))
        {
            return [];
        }

        var entries = new List<MountEntry>();
        foreach (var line in File.ReadLines(MountInfo))
        {
            // id parent major:minor root mount-point options [optional fields...] - fstype source super-options
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 2 >= fields.Length)
            {
                continue;
            }

            entries.Add(new MountEntry(Unescape(fields[4]), fields[separator + 1], Unescape(fields[separator + 2])));
        }

        return entries;
    }

    /// <summary>What is mounted at <paramref name="mountPoint"/> now (the last mount over it wins), or null.</summary>
    public static MountEntry? At(string mountPoint)
    {
        var wanted = Path.TrimEndingDirectorySeparator(mountPoint);
        return Read().LastOrDefault(m => m.MountPoint == wanted);
    }

    /// <summary>The kernel writes space, tab, newline and backslash in mount paths as octal escapes (<c>\040</c>).</summary>
    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && !value.AsSpan(i + 1, 3).ContainsAnyExceptInRange('0', '7'))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
