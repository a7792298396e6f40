namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// The zip-slip guard: an entry name becomes a path relative to the root it is extracted into, or the archive is
/// refused. Nothing here touches the disk; the extractor also never writes through a link it created.
/// </summary>
internal static class ArchiveEntryNames
{
    /// <summary>The entry's path relative to the root, '/'-separated, or "" for the root itself.</summary>
    public static string Relative(string entryName, string archive)
    {
        if (entryName.Length == 0 || entryName.Contains('\0', StringComparison.Ordinal))
        {
            throw new StepFailedException($"the image {archive} holds an entry with an invalid name '{entryName}'");
        }

        if (entryName.StartsWith('/') || (entryName.Length >= 2 && entryName[1] == ':'))
        {
            throw new StepFailedException($"the image {archive} holds an entry with an absolute path '{entryName}': refused, it would be written outside the target root");
        }

        var parts = new List<string>();
        foreach (var part in entryName.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                throw new StepFailedException($"the image {archive} holds an entry '{entryName}' that climbs out of its root ('..'): refused, it would be written outside the target root");
            }

            if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>
    /// True when a symbolic link at <paramref name="linkPath"/> (relative to the root) points inside the root. An
    /// absolute target names a path in the image's own root, as the installed system (or a chroot) resolves it, so it
    /// is kept as written; a relative target must not climb above the root.
    /// </summary>
    public static bool LinkStaysInside(string linkPath, string target)
    {
        if (target.Length == 0 || target.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        // How deep below the root resolution starts: the link's own folder, or the root for an absolute target.
        var depth = target.StartsWith('/') ? 0 : linkPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (depth == 0)
                {
                    return false;
                }

                depth--;
            }
            else if (part != ".")
            {
                depth++;
            }
        }

        return true;
    }
}
