namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Copies a folder's tree into another folder, keeping relative paths, times, modes (and owners, as root); links are
/// copied as links, never followed, and nothing is written through a link already at the destination. What is not
/// copied goes to the skip log with its reason; an item that cannot be copied fails the step unless the step says to
/// go on, and then it is skipped by name too.
/// </summary>
internal sealed class TreeCopier(ArchiveTally tally, bool continueOnError, string failureVerb)
{
    private readonly List<(string Source, string Destination)> _folders = [];
    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);

    /// <summary>Why an entry (by its path relative to the copied folder) is left out, or null to copy it.</summary>
    public Func<string, bool, string?> Filter { get; init; } = (_, _) => null;

    /// <summary>Folders that are never walked into (the state store inside a captured home, say).</summary>
    public IReadOnlyCollection<string> Avoid { get; init; } = [];

    /// <summary>Creates every folder, even one no file lands in; false creates only the folders files need.</summary>
    public bool KeepEmptyFolders { get; init; } = true;

    /// <summary>Copies <paramref name="source"/>'s contents into <paramref name="destination"/>.</summary>
    /// <param name="source">The folder copied.</param>
    /// <param name="destination">The folder it is copied to, made if missing.</param>
    /// <param name="label">How the log names the items: the label, then their relative paths.</param>
    /// <param name="boundary">The folder the copy must stay in: no link between it and <paramref name="destination"/> is followed.</param>
    public void Copy(string source, string destination, string label, string boundary)
    {
        if (!EnsureFolder(boundary, destination, label))
        {
            return;
        }

        _folders.Add((source, destination));
        var entries = TreeWalker.Walk(source, Enter, (folder, ex) => Failed($"{label}/{Relative(source, folder)}", ex));
        foreach (var entry in entries)
        {
            var named = $"{label}/{entry.RelativePath}";
            var target = Path.Combine(destination, entry.RelativePath);
            if (entry.Kind == UnixFileKind.Directory)
            {
                if (Avoid.Any(a => TargetRoots.IsAtOrUnder(entry.FullPath, a)))
                {
                    tally.Skipped.Skip(named, "the state store itself");
                }
                else if (Filter(entry.RelativePath, true) is { } folderReason)
                {
                    tally.Skipped.Skip(named, folderReason);
                }
                else if (KeepEmptyFolders)
                {
                    CopyFolder(entry.FullPath, target, destination, named);
                }

                continue;
            }

            if (Filter(entry.RelativePath, false) is { } reason)
            {
                tally.Skipped.Skip(named, reason);
                continue;
            }

            switch (entry.Kind)
            {
                case UnixFileKind.Regular or UnixFileKind.SymbolicLink:
                    CopyItem(entry, target, source, destination, named);
                    break;
                case UnixFileKind.Missing:
                    tally.Skipped.Skip(named, "removed while it was being copied");
                    break;
                default:
                    tally.Skipped.Skip(named, $"a {entry.Kind} is not user data");
                    break;
            }
        }

        bool Enter(string relative)
        {
            var full = Path.Combine(source, relative);
            return !Avoid.Any(a => TargetRoots.IsAtOrUnder(full, a)) && Filter(relative, true) is null;
        }
    }

    /// <summary>Gives the copied folders their originals' times and modes, deepest first (copying into one changes its time).</summary>
    public void FinishFolders()
    {
        foreach (var (source, destination) in _folders.OrderByDescending(f => f.Destination.Length))
        {
            if (UnixFiles.Kind(destination) != UnixFileKind.Directory)
            {
                continue;
            }

            try
            {
                UnixFiles.CopyOwner(source, destination);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
                }

                Directory.SetLastWriteTimeUtc(destination, Directory.GetLastWriteTimeUtc(source));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failed(destination, ex);
            }
        }
    }

    private void CopyFolder(string source, string target, string root, string named)
    {
        try
        {
            if (EnsureFolder(root, target, named))
            {
                _folders.Add((source, target));
                tally.Directories++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Failed(named, ex);
        }
    }

    private void CopyItem(TreeEntry entry, string target, string sourceRoot, string root, string named)
    {
        try
        {
            var folder = Path.GetDirectoryName(target)!;
            if (!EnsureFolder(root, folder, named))
            {
                return;
            }

            // Something already there is replaced, never written through: a link at the destination stays pointing where it did.
            var existing = UnixFiles.Kind(target);
            if (existing == UnixFileKind.Directory)
            {
                tally.Skipped.Skip(named, "a folder of that name is already at the destination");
                return;
            }

            if (existing != UnixFileKind.Missing)
            {
                File.Delete(target);
            }

            if (entry.Kind == UnixFileKind.SymbolicLink)
            {
                File.CreateSymbolicLink(target, new FileInfo(entry.FullPath).LinkTarget!);
                UnixFiles.CopyOwner(entry.FullPath, target);
                tally.SymbolicLinks++;
                return;
            }

            File.Copy(entry.FullPath, target, overwrite: false);
            UnixFiles.CopyOwner(entry.FullPath, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(entry.FullPath));
            }

            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(entry.FullPath));
            tally.Files++;
            tally.Bytes += new FileInfo(target).Length;
            ReachedFolder(sourceRoot, entry, root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Failed(named, ex);
        }
    }

    /// <summary>Without empty folders, the folders a file lands in still get their originals' times.</summary>
    private void ReachedFolder(string sourceRoot, TreeEntry entry, string root)
    {
        if (KeepEmptyFolders)
        {
            return;
        }

        var relative = entry.RelativePath;
        while (relative.LastIndexOf('/') is var slash and > 0)
        {
            relative = relative[..slash];
            if (!_reached.Add(Path.Combine(root, relative)))
            {
                break;
            }

            _folders.Add((Path.Combine(sourceRoot, relative), Path.Combine(root, relative)));
            tally.Directories++;
        }
    }

    /// <summary>
    /// Makes the folder a copy lands in, refusing to pass through a link on the way: a link planted at the destination
    /// (or in a tampered store) must not carry files outside it.
    /// </summary>
    private bool EnsureFolder(string root, string folder, string named)
    {
        var relative = Path.GetRelativePath(root, folder);
        if (relative == ".")
        {
            return true;
        }

        var path = root;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            path = Path.Combine(path, part);
            switch (UnixFiles.Kind(path))
            {
                case UnixFileKind.Missing:
                    Directory.CreateDirectory(path);
                    break;
                case UnixFileKind.Directory:
                    break;
                case UnixFileKind.SymbolicLink:
                    tally.Skipped.Skip(named, $"it would be written through the symbolic link {path}");
                    return false;
                default:
                    tally.Skipped.Skip(named, $"{path} is a file at the destination, not a folder");
                    return false;
            }
        }

        return true;
    }

    private void Failed(string named, Exception ex)
    {
        if (!continueOnError)
        {
            throw new StepFailedException($"{named} could not be {failureVerb}: {ex.Message}");
        }

        tally.Skipped.Skip(named, $"could not be {failureVerb}: {ex.Message}");
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
