namespace TsOrchestrator.Server.Folders;

/// <summary>Folder paths are <c>/</c>-separated names without leading or trailing slashes.</summary>
public static class FolderPaths
{
    public const int MaxNameLength = 100;

    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public static string Combine(string? parent, string name) => string.IsNullOrEmpty(parent) ? name : $"{parent}/{name}";
}
