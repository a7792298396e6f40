using System.Text;

namespace TsOrchestrator.Content;

/// <summary>
/// This node's lasting name among the nodes sharing a folder, kept in its own data folder (<c>node.id</c>): the host's
/// name and a random part, made at the first start. Unlike the site server's per-process node id it survives a restart,
/// so a node finds what it left in the shared folder before it stopped, and only that.
/// </summary>
public static class NodeName
{
    public const string FileName = "node.id";

    public static string Of(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.Combine(Path.GetFullPath(options.DataDirectory), FileName);
        if (Read(path) is { } known)
        {
            return known;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var name = $"{FolderSafe(Environment.MachineName)}-{Guid.NewGuid():N}"[..^20];
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, name + "\n");
        try
        {
            File.Move(temp, path, overwrite: false);
            return name;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return Read(path) ?? name;
        }
    }

    private static string? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var name = File.ReadAllText(path).Trim();
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? name : null;
    }

    private static string FolderSafe(string host)
    {
        var safe = new StringBuilder();
        foreach (var c in host.Take(40))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return safe.Length > 0 ? safe.ToString() : "node";
    }
}
