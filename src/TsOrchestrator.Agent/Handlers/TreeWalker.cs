namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Walks a folder depth first in ordinal order (a capture of the same tree gives the same archive), a folder before
/// its contents, never following a symbolic link into another folder.
/// </summary>
internal static class TreeWalker
{
    /// <param name="root">The folder walked; it is not itself yielded.</param>
    /// <param name="enter">Whether to walk into a folder (by its relative path); every folder is yielded either way.</param>
    /// <param name="unreadable">Told of a folder whose contents cannot be listed; the walk goes on past it.</param>
    public static IEnumerable<TreeEntry> Walk(string root, Func<string, bool>? enter, Action<string, Exception> unreadable)
    {
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((root, ""));
        while (pending.Count > 0)
        {
            var (folder, relative) = pending.Pop();
            string[] children;
            try
            {
                children = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                unreadable(folder, ex);
                continue;
            }

            Array.Sort(children, StringComparer.Ordinal);
            var subfolders = new List<(string, string)>();
            foreach (var child in children)
            {
                var childRelative = relative.Length == 0 ? Path.GetFileName(child) : $"{relative}/{Path.GetFileName(child)}";
                var entry = new TreeEntry(child, childRelative, UnixFiles.Kind(child));
                yield return entry;
                if (entry.Kind == UnixFileKind.Directory && (enter is null || enter(childRelative)))
                {
                    subfolders.Add((child, childRelative));
                }
            }

            // Pushed in reverse so that the stack pops them in ordinal order.
            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }
        }
    }
}
