using TsOrchestrator.Contracts.Folders;

namespace TsOrchestrator.Designer.Components.Sequences;

/// <summary>A folder as a native select lists it: its path (empty for the root) and an indented label.</summary>
public sealed record FolderChoice(string Path, string Label)
{
    public static IReadOnlyList<FolderChoice> From(IReadOnlyList<FolderInfo> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var list = new List<FolderChoice> { new("", "Task Sequences (root)") };
        list.AddRange(folders.OrderBy(f => f.Path, StringComparer.OrdinalIgnoreCase)
            .Select(f => new FolderChoice(f.Path, new string('\u00a0', 2 * (f.Path.Count(c => c == '/') + 1)) + f.Name)));
        return list;
    }
}
