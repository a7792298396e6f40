namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// <c>manifest.json</c>, the first entry of an export zip: what was exported, from where and when, the hash of each
/// object's entry, and the secrets left out. Content, when exported, is the folder <c>&lt;export&gt;_files</c> beside the zip.
/// </summary>
public sealed record ExportManifest
{
    /// <summary>2 since content files are named by <see cref="TsOrchestrator.Contracts.Content.ContentHash"/>; version 1 is still read.</summary>
    public const int CurrentFormatVersion = 2;
    public const string EntryName = "manifest.json";
    public const string Kind = "tsorchestrator-export";

    /// <summary>Marks the zip as an export, so any other zip is refused by name rather than by accident.</summary>
    public string Format { get; init; } = Kind;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public DateTimeOffset ExportedAt { get; init; }
    public string ServerVersion { get; init; } = "";
    public string? Comment { get; init; }
    public bool IncludesDependencies { get; init; }
    public bool IncludesContent { get; init; }
    public required IReadOnlyList<ExportedObject> Objects { get; init; }

    /// <summary>Ids the sequences name that were not on the exporting server (e.g. Configuration Manager package ids of an imported sequence).</summary>
    public IReadOnlyList<string> UnresolvedReferences { get; init; } = [];
}
