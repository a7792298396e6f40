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

/// <summary>One object's entry in the export zip.</summary>
public sealed record ExportEntry(string Name, byte[] Bytes);

/// <summary>A package file carried in <c>&lt;export&gt;_files/PACKAGE/path</c>.</summary>
public sealed record ExportContentFile(string PackageId, ContentFile File)
{
    public string RelativePath => $"{PackageId}/{File.Path}";
}
