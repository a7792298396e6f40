using System.IO.Compression;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Reads an upload into an <see cref="ImportSet"/>, refusing anything that is not whole: an export's manifest
/// (format and version), every object against its hash, every content file present at its size; a Configuration
/// Manager export's <c>object.xml</c> sequences; bare task sequence XML. Objects are read with every byte counted.
/// </summary>
public static class ImportReader
{
    public static async Task<ImportSet> ReadAsync(ImportSet shell, string folder, UploadKind kind, string? contentPath, string? fileName, ExchangeOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(options);
        if (kind == UploadKind.Xml)
        {
            var xml = await File.ReadAllTextAsync(Path.Combine(folder, ImportUpload.XmlFileName), cancellationToken);
            return shell with { Source = ImportSourceKind.TaskSequenceXml, Sequences = [NativeFormat.Serialize(FromXml(xml, fileName ?? "imported.xml", "file", cancellationToken))] };
        }

        var contentRoot = kind == UploadKind.Bundle ? Path.Combine(folder, ImportUpload.FilesFolderName) : ServerFolder(contentPath);
        await using var file = File.OpenRead(Path.Combine(folder, ImportUpload.ZipFileName));
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw NotAnExport($"it is not a readable zip ({e.Message})");
        }

        await using (zip)
        {
            if (zip.Entries.Count > options.MaxEntries)
            {
                throw Problem.BadRequest("file", $"the zip has {zip.Entries.Count} entries, more than the limit of {options.MaxEntries}");
            }

            if (zip.Entries.FirstOrDefault(e => !EntryNames.IsSafe(e.FullName)) is { } unsafeEntry)
            {
                throw Problem.BadRequest("file", $"the zip has an entry named '{unsafeEntry.FullName}', which would leave its folder: refused");
            }

            var budget = new ExpansionBudget(options.MaxExpandedBytes);
            if (zip.GetEntry(ExportManifest.EntryName) is { } manifestEntry)
            {
                return await ReadExportAsync(shell, zip, manifestEntry, budget, contentRoot, kind == UploadKind.Bundle, cancellationToken);
            }

            var objects = zip.Entries.Where(e => string.Equals(Path.GetFileName(e.FullName), "object.xml", StringComparison.OrdinalIgnoreCase)).ToList();
            if (objects.Count == 0)
            {
                throw NotAnExport($"it has neither {ExportManifest.EntryName} nor a Configuration Manager object.xml");
            }

            var sequences = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            SequenceFormatException? first = null;
            foreach (var entry in objects)
            {
                var xml = Encoding.UTF8.GetString(await budget.ReadAsync(entry, cancellationToken));
                try
                {
                    // The same package exported twice (two folders of one export) is one object.
                    var sequence = ConfigMgrXmlImporter.Import(xml, entry.FullName, cancellationToken);
                    if (seen.Add(sequence.Id))
                    {
                        sequences.Add(NativeFormat.Serialize(sequence));
                    }
                }
                catch (SequenceFormatException e)
                {
                    // A ConfigMgr export holds packages and applications too; only the task sequences import here.
                    first ??= e;
                }
            }

            return sequences.Count > 0
                ? shell with { Source = ImportSourceKind.ConfigMgrExport, Sequences = sequences }
                : throw Problem.BadRequest("file", $"the Configuration Manager export holds no task sequence: {first!.Message}");
        }
    }

    private static async Task<ImportSet> ReadExportAsync(ImportSet shell, ZipArchive zip, ZipArchiveEntry manifestEntry, ExpansionBudget budget, string? contentRoot,
        bool uploaded, CancellationToken cancellationToken)
    {
        ExportManifest? manifest;
        try
        {
            var json = Format1Manifests.Upgrade(await budget.ReadAsync(manifestEntry, cancellationToken), "objects", ExportManifest.CurrentFormatVersion);
            manifest = JsonSerializer.Deserialize<ExportManifest>(json, ExportWriter.ManifestJson);
        }
        catch (JsonException e)
        {
            throw NotAnExport($"its {ExportManifest.EntryName} cannot be read ({e.Message})");
        }

        if (manifest is null || manifest.Format != ExportManifest.Kind || manifest.Objects is null)
        {
            throw NotAnExport($"its {ExportManifest.EntryName} is not an export manifest");
        }

        if (manifest.FormatVersion != ExportManifest.CurrentFormatVersion)
        {
            throw Problem.BadRequest("file", $"export format version {manifest.FormatVersion} is not supported (this server reads version {ExportManifest.CurrentFormatVersion})");
        }

        if (manifest.IncludesContent && (contentRoot is null || !Directory.Exists(contentRoot)))
        {
            throw Problem.BadRequest("contentPath",
                "the manifest says content was exported, but its _files folder did not come with it: upload the zip with its <name>_files folder, or name the folder on the server");
        }

        if (manifest.Objects.GroupBy(o => o.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw NotAnExport($"its manifest names '{twice.Key}' twice");
        }

        var sequences = new List<string>();
        var packages = new List<ImportedPackage>();
        foreach (var exported in manifest.Objects)
        {
            if (exported.Id is not { Length: > 0 and <= 64 } || !exported.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw NotAnExport($"its manifest names an object with the id '{exported.Id}'");
            }

            var entry = zip.GetEntry(exported.Entry ?? "") ?? throw Problem.BadRequest("file", $"the manifest names {exported.Entry} for {exported.Id}, which the zip lacks");
            var bytes = await budget.ReadAsync(entry, cancellationToken);
            var actual = ExchangeHashes.Sha256(bytes);
            if (!string.Equals(actual, exported.Sha256, StringComparison.Ordinal))
            {
                throw Problem.BadRequest("file", $"{exported.Entry} hashes to {actual} but the manifest says {exported.Sha256}: the export was changed after it was written");
            }

            switch (exported.Kind)
            {
                case ExchangeObjectKind.TaskSequence:
                    sequences.Add(NativeFormat.Serialize(ReadSequence(bytes, exported)));
                    break;
                case ExchangeObjectKind.Package:
                    packages.Add(new ImportedPackage(ReadPackage(bytes, exported), CheckFiles(exported, manifest.IncludesContent ? contentRoot : null), exported.StrippedSecrets));
                    break;
                default:
                    throw NotAnExport($"its manifest names an object of kind {exported.Kind}");
            }
        }

        return shell with
        {
            Source = ImportSourceKind.Export, Manifest = manifest, Sequences = sequences, Packages = packages,
            ContentRoot = manifest.IncludesContent ? contentRoot : null, ContentUploaded = uploaded,
        };
    }

    private static Domain.Sequences.TaskSequence ReadSequence(byte[] bytes, ExportedObject exported)
    {
        Domain.Sequences.TaskSequence sequence;
        try
        {
            sequence = NativeFormat.Deserialize(bytes, exported.Entry);
        }
        catch (SequenceFormatException e)
        {
            throw Problem.BadRequest("file", e.Message);
        }

        return string.Equals(sequence.Id, exported.Id, StringComparison.Ordinal)
            ? sequence
            : throw Problem.BadRequest("file", $"{exported.Entry} holds task sequence '{sequence.Id}', not '{exported.Id}' as the manifest says");
    }

    private static PackageInfo ReadPackage(byte[] bytes, ExportedObject exported)
    {
        PackageInfo? package;
        try
        {
            package = JsonSerializer.Deserialize<PackageInfo>(bytes, ExportWriter.ManifestJson);
        }
        catch (JsonException e)
        {
            throw Problem.BadRequest("file", $"{exported.Entry} is not a package record ({e.Message})");
        }

        return package is not null && string.Equals(package.Id, exported.Id, StringComparison.Ordinal) && PackageIds.IsValid(package.Id) && Enum.IsDefined(package.Type)
            ? package
            : throw Problem.BadRequest("file", $"{exported.Entry} is not the package record of '{exported.Id}'");
    }

    /// <summary>The package's files, each named safely and, when content came, present at its size (hashes are checked as it is imported).</summary>
    private static IReadOnlyList<ContentFile> CheckFiles(ExportedObject exported, string? contentRoot)
    {
        foreach (var file in exported.Files ?? [])
        {
            if (!EntryNames.IsSafe(file.Path) || !ContentHash.IsValid(file.Hash) || file.Size < 0 || !file.HasValidMode)
            {
                throw Problem.BadRequest("file", $"the manifest names a file '{file.Path}' of {exported.Id} that cannot be imported (unsafe path, bad hash or a mode beyond the permission bits 0777)");
            }

            if (contentRoot is not null)
            {
                var path = EntryNames.Under(contentRoot, $"{exported.Id}/{file.Path}");
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    throw Problem.BadRequest("files", $"content file {exported.Id}/{file.Path} is missing from the _files folder");
                }

                if (info.Length != file.Size)
                {
                    throw Problem.BadRequest("files", $"content file {exported.Id}/{file.Path} has {info.Length} bytes, the manifest says {file.Size}: the export was changed");
                }
            }
        }

        return exported.Files ?? [];
    }

    public static Domain.Sequences.TaskSequence FromXml(string xml, string source, string field, CancellationToken cancellationToken)
    {
        try
        {
            return ConfigMgrXmlImporter.Import(xml, source, cancellationToken);
        }
        catch (SequenceFormatException e)
        {
            throw Problem.BadRequest(field, e.Message);
        }
    }

    private static string? ServerFolder(string? contentPath)
    {
        if (contentPath is null)
        {
            return null;
        }

        if (!Path.IsPathFullyQualified(contentPath) || !Directory.Exists(contentPath))
        {
            throw Problem.BadRequest("contentPath", $"'{contentPath}' is not a folder on the server (give the full path of the export's _files folder)");
        }

        return Path.GetFullPath(contentPath);
    }

    private static ApiProblemException NotAnExport(string why) => Problem.BadRequest("file", $"this is not an export: {why}");
}
