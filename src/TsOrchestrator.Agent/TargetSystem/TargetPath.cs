using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// Paths inside an applied system, resolved as that system will see them once booted: its links are followed inside
/// its root, never out of it. Debian's <c>/lib</c> is a link to <c>usr/lib</c>, and a link to <c>/usr/lib</c> read as
/// is on the device would lead into the running system; a write must land in the target, never in the boot image.
/// </summary>
internal static class TargetPath
{
    private const int MaxLinks = 40;

    /// <summary>The host path of <paramref name="path"/> (absolute inside the target) with every link but the last one followed inside <paramref name="root"/>.</summary>
    public static string Resolve(string root, string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resolved = new List<string>();
        var links = 0;
        var queue = new Queue<string>(parts);
        while (queue.Count > 0)
        {
            var part = queue.Dequeue();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Path.Combine([root, .. resolved, part]);
            if (queue.Count > 0 && new FileInfo(candidate).LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new StepFailedException($"{path} in the target system {root} goes through more than {MaxLinks} links");
                }

                // The link's target replaces this part: an absolute one starts again at the target's root.
                var rest = queue.ToArray();
                queue.Clear();
                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                foreach (var next in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest))
                {
                    queue.Enqueue(next);
                }

                continue;
            }

            resolved.Add(part);
        }

        return Path.Combine([root, .. resolved]);
    }

    /// <summary>The host path of a folder inside the target, created (as the target would create it) when missing.</summary>
    public static string Folder(string root, string path)
    {
        var folder = Resolve(root, path + "/.");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Writes a file in the target in one piece: a temporary file beside it, flushed, then renamed over it, so a power
    /// loss leaves the old or the new file. A link in its place is replaced, never written through.
    /// </summary>
    public static void WriteFile(string root, string path, string contents, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new StepFailedException("writing into an applied Linux system is done from Linux only");
        }

        var file = Resolve(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tsorch-new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = mode };
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(contents));
            stream.Flush(flushToDisk: true);
        }

        // UnixCreateMode is masked by the umask; the target's file gets exactly the mode asked for.
        File.SetUnixFileMode(temporary, mode);
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>The file's text, or null when the target has none.</summary>
    public static string? ReadFile(string root, string path)
    {
        var file = Resolve(root, path);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    public static bool Exists(string root, string path)
    {
        var file = Resolve(root, path);
        return File.Exists(file) || Directory.Exists(file);
    }
}
