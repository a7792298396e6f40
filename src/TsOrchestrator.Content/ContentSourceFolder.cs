using TsOrchestrator.Content.Problems;

namespace TsOrchestrator.Content;

/// <summary>
/// A source folder that passed the site server's source roots (<c>Content:SourceRoots</c>), with its files. Each file is opened only where it
/// still lies under a root and outside the data folder: checked on the resolved path before it is opened and, on
/// Linux, on the file actually opened (a link swapped in after the walk is caught there).
/// </summary>
public sealed class ContentSourceFolder
{
    private readonly string _field;
    private readonly IReadOnlyList<string> _roots;
    private readonly IReadOnlyList<string> _excluded;

    internal ContentSourceFolder(string field, string folder, IReadOnlyList<string> roots, IReadOnlyList<string> excluded)
    {
        _field = field;
        _roots = roots;
        _excluded = excluded;
        Folder = folder;
        Files = Walk();
    }

    /// <summary>The folder, links resolved.</summary>
    public string Folder { get; }

    /// <summary>Every file under the folder, sorted by relative path.</summary>
    public IReadOnlyList<ContentSourceFile> Files { get; }

    public FileStream OpenRead(string path, FileOptions options = FileOptions.SequentialScan)
    {
        var real = RealPaths.Of(path);
        if (!Allows(real))
        {
            throw Outside(path, real);
        }

        var stream = new FileStream(real, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = options });
        if (OpenedPath(stream) is { } opened && !Allows(opened))
        {
            stream.Dispose();
            throw Outside(path, opened);
        }

        return stream;
    }

    private bool Allows(string real) =>
        !_excluded.Any(folder => RealPaths.IsUnder(real, folder)) && _roots.Any(root => RealPaths.IsUnder(real, root));

    /// <summary>
    /// The folder's files, depth first with an explicit stack. A link is followed only where it leads under a root
    /// and outside the data folder; any other refuses the whole source, naming the link: a package that silently lacks
    /// files would be worse than one that is not made.
    /// </summary>
    private List<ContentSourceFile> Walk()
    {
        var files = new List<ContentSourceFile>();
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal) { Folder };
        var pending = new Stack<(string Folder, string Relative)>();
        pending.Push((Folder, ""));
        var enumeration = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in new DirectoryInfo(folder.Folder).EnumerateFileSystemInfos("*", enumeration))
            {
                var relative = folder.Relative.Length == 0 ? entry.Name : $"{folder.Relative}/{entry.Name}";
                var real = entry.FullName;
                if (entry.LinkTarget is not null)
                {
                    real = RealPaths.Of(entry.FullName);
                    if (!Allows(real))
                    {
                        throw Outside(relative, real);
                    }
                }

                if (Directory.Exists(real))
                {
                    if (!seen.Add(real))
                    {
                        throw Problem.BadRequest(_field, $"'{relative}' in the source folder links back to a folder already in it (a loop): remove the link");
                    }

                    pending.Push((real, relative));
                }
                else
                {
                    files.Add(new ContentSourceFile(relative, real));
                }
            }
        }

        files.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    private ApiProblemException Outside(string name, string real) =>
        Problem.BadRequest(_field, $"'{name}' in the source folder is a link to '{real}', which is outside the source roots (Content:SourceRoots) or inside the server's data folder: refused");

    // The path of the file the kernel opened, links and all resolved: /proc knows it on Linux.
    private static string? OpenedPath(FileStream stream) =>
        OperatingSystem.IsLinux() ? new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget : null;
}
