namespace TsOrchestrator.Content;

/// <summary>
/// A path with every symbolic link in it resolved (POSIX realpath), component by component: a check of where a
/// folder lies is only worth anything on the path the kernel will actually open. A tail that does not exist is kept
/// as written.
/// </summary>
internal static class RealPaths
{
    // The kernel's own limit on links followed in one lookup (ELOOP).
    private const int MaxLinks = 40;

    public static StringComparison Comparison => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static string Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both already resolved).</summary>
    public static bool IsUnder(string path, string folder)
    {
        var trimmed = folder.TrimEnd(Path.DirectorySeparatorChar);
        return string.Equals(path.TrimEnd(Path.DirectorySeparatorChar), trimmed, Comparison) ||
            path.StartsWith(trimmed + Path.DirectorySeparatorChar, Comparison);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var segment in full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at '{next}'");
            }

            // A relative target is relative to the folder holding the link, which is resolved already.
            current = Resolve(Path.GetFullPath(target, current), ref links);
        }

        return current;
    }
}
