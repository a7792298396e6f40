using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Previews wait for their commit as files, not rows: <c>&lt;data&gt;/imports/&lt;id&gt;/</c> holds the upload and the
/// preview, and goes when it is committed or expires. Content an import brings stays under
/// <c>&lt;data&gt;/imported-content/&lt;id&gt;/</c>, the packages' source folders.
/// </summary>
public sealed class ImportFolders(IOptions<StorageOptions> storage, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    private const string SetFileName = "import.json";

    /// <summary>The data folder's folder of imported content, the one place in it a package's source folder may be.</summary>
    public const string ImportedContentFolderName = "imported-content";

    public string Root { get; } = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, "imports"));

    public string ImportedContentRoot { get; } = Path.GetFullPath(Path.Combine(storage.Value.DataDirectory, ImportedContentFolderName));

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

        var now = clock.GetUtcNow();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var set = SetPath(folder);
            var expires = File.Exists(set)
                ? System.Text.Json.JsonSerializer.Deserialize<ImportSet>(File.ReadAllBytes(set), ExportWriter.ManifestJson)?.ExpiresAt ?? now
                : new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder), TimeSpan.Zero) + Lifetime;
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
}
