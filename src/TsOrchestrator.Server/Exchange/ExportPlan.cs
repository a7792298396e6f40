using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Server.Exchange;

/// <summary>An export ready to write: the manifest, each object's entry bytes, and the content files it carries.</summary>
public sealed record ExportPlan(ExportManifest Manifest, IReadOnlyList<ExportEntry> Entries, IReadOnlyList<ExportContentFile> ContentFiles)
{
    public const string BundleZipName = "export.zip";
    public const string BundleFilesFolder = "export_files";

    public long ContentBytes => ContentFiles.Sum(f => f.File.Size);

    /// <summary>The content folder beside a zip: <c>name.zip</c> → <c>name_files</c>.</summary>
    public static string FilesFolderFor(string zipPath)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        var full = Path.GetFullPath(zipPath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "_files");
    }
}
