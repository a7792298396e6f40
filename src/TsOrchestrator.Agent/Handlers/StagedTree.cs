namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Moves an extracted tree from its staging folder into the target root, and wipes the root first. Staging lives
/// inside the root, on the same file system, so each move is a rename and costs no space.
/// </summary>
internal static class StagedTree
{
    /// <summary>Deletes everything under <paramref name="root"/> except the kept paths and the folders leading to them.</summary>
    /// <returns>How many top-level-or-deeper items were deleted.</returns>
    public static int Wipe(string root, IReadOnlyCollection<string> keep)
    {
        var deleted = 0;
        foreach (var child in Directory.GetFileSystemEntries(root))
        {
            if (keep.Any(k => TargetRoots.IsAtOrUnder(child, k)))
            {
                continue; // kept as it is
            }

            var kind = UnixFiles.Kind(child);
            if (kind == UnixFileKind.Directory && keep.Any(k => TargetRoots.IsAtOrUnder(k, child)))
            {
                deleted += Wipe(child, keep);
                continue;
            }

            Delete(child, kind);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Moves everything in <paramref name="staging"/> into <paramref name="root"/>, replacing what is in the way.</summary>
    public static void MoveInto(string staging, string root)
    {
        foreach (var source in Directory.GetFileSystemEntries(staging))
        {
            var destination = Path.Combine(root, Path.GetFileName(source));
            var sourceKind = UnixFiles.Kind(source);
            var destinationKind = UnixFiles.Kind(destination);
            if (sourceKind == UnixFileKind.Directory && destinationKind == UnixFileKind.Directory)
            {
                // A kept folder (the state store, say) that the image also has: merge, keeping the kept files the image lacks.
                MoveInto(source, destination);
                Directory.Delete(source);
                continue;
            }

            if (destinationKind != UnixFileKind.Missing)
            {
                Delete(destination, destinationKind);
            }

            // A link to a folder (Debian's lib -> usr/lib while usr is still staged) is a folder to File.Move, which
            // then refuses it as missing; Directory.Move renames the link itself all the same (rename(2)).
            if (sourceKind == UnixFileKind.Directory || (sourceKind == UnixFileKind.SymbolicLink && Directory.Exists(source)))
            {
                Directory.Move(source, destination);
            }
            else
            {
                File.Move(source, destination); // rename(2): a link moves as the link
            }
        }
    }

    public static void Delete(string path, UnixFileKind kind)
    {
        if (kind == UnixFileKind.Directory)
        {
            MakeWritable(path);
            Directory.Delete(path, recursive: true); // removes links inside, never what they point to
        }
        else if (kind != UnixFileKind.Missing)
        {
            File.Delete(path);
        }
    }

    /// <summary>A read-only folder (the image's own /proc or /sys are 0555) keeps its contents from being deleted.</summary>
    private static void MakeWritable(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var entry in TreeWalker.Walk(folder, null, (_, _) => { }).Where(e => e.Kind == UnixFileKind.Directory).Prepend(new TreeEntry(folder, "", UnixFileKind.Directory)))
        {
            var mode = File.GetUnixFileMode(entry.FullPath);
            if (!mode.HasFlag(UnixFileMode.UserWrite) || !mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(entry.FullPath, mode | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
