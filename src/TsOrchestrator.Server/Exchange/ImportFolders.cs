using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Previews wait for their commit as files, not rows: <c>&lt;shared&gt;/imports/&lt;id&gt;/</c> holds the upload and the
/// preview, and goes when it is committed or expires. Content an import brings stays under
/// <c>&lt;shared&gt;/imported-content/&lt;id&gt;/</c>, the packages' source folders. Both are in the site's shared folder
/// (<c>Storage:SharedDirectory</c>), so a preview uploaded through one node is committed through any other.
/// </summary>
public sealed class ImportFolders(IOptions<StorageOptions> storage, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    private const string SetFileName = "import.json";

    /// <summary>The shared folder's folder of imported content, the one place in it a package's source folder may be.</summary>
    public const string ImportedContentFolderName = "imported-content";

    public string Root { get; } = Path.GetFullPath(Path.Combine(storage.Value.SharedPath, "imports"));

    public string ImportedContentRoot { get; } = Path.GetFullPath(Path.Combine(storage.Value.SharedPath, ImportedContentFolderName));

    public TimeSpan Lifetime => TimeSpan.FromHours(options.Value.PreviewLifetimeHours);

    /// <summary>A new, empty import folder; expired ones are removed on the way.</summary>
    public (string Id, string Folder) Create()
    {
        Expire();
        var id = "IMP" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var folder = Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        return (id, folder);
    }

    public string FolderOf(string id) =>
        id is { Length: 15 } && id.StartsWith("IMP", StringComparison.Ordinal) && id.All(char.IsAsciiLetterOrDigit) && Directory.Exists(Path.Combine(Root, id))
            ? Path.Combine(Root, id)
            : throw Problem.NotFound("Import", id);

    public static string SetPath(string folder) => Path.Combine(folder, SetFileName);

    /// <summary>
    /// Written whole and renamed into place: another node sweeping expired previews, or reading this one, never reads
    /// half a file.
    /// </summary>
    public static async Task WriteSetAsync(string folder, ImportSet set, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(folder, $"{SetFileName}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temp, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(set, ExportWriter.ManifestJson), cancellationToken);
        File.Move(temp, SetPath(folder), overwrite: true);
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Expire()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        // Every node sweeps the one shared folder, so only by age: a folder without its preview yet is an upload in
        // progress (on this node or another) until it is older than a preview may live.
        var now = clock.GetUtcNow();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var expires = ExpiryOf(folder) ?? new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder), TimeSpan.Zero) + Lifetime;
            if (expires < now)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Being committed or read right now: the next upload tries again.
                }
            }
        }
    }

    private static DateTimeOffset? ExpiryOf(string folder)
    {
        try
        {
            var set = SetPath(folder);
            return File.Exists(set) ? System.Text.Json.JsonSerializer.Deserialize<ImportSet>(File.ReadAllBytes(set), ExportWriter.ManifestJson)?.ExpiresAt : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            // Deleted or replaced by another node while read: its age decides.
            return null;
        }
    }
}
