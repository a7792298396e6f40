namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Names of entries in an upload (zip or tar) and of files in a manifest: relative, <c>/</c>-separated, and never
/// leaving the folder they are read into (no <c>..</c>, no root, no drive, no backslash).
/// </summary>
public static class EntryNames
{
    public static bool IsSafe(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 1024 || name[0] == '/' || name.Contains('\\', StringComparison.Ordinal) ||
            name.Contains(':', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var segments = name.TrimEnd('/').Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != "..");
    }

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, checked to stay under it.</summary>
    public static string Under(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return IsSafe(relative) && full.StartsWith(prefix, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{relative}' leaves its folder", nameof(relative));
    }
}
