using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Content;

/// <summary>
/// The first entry (<c>prestaged.json</c>) of a prestaged content file: a zip whose other entries are
/// <c>files/&lt;hash&gt;</c>, each file once however many packages hold it.
/// </summary>
public sealed record PrestagedContentManifest
{
    /// <summary>2 since content files are named by <see cref="ContentHash"/>; version 1 is still read.</summary>
    public const int CurrentFormatVersion = 2;
    public const string EntryName = "prestaged.json";
    public const string Kind = "tsorchestrator-prestaged-content";

    /// <summary>Marks the file as ours, so any other zip is refused by name rather than by accident.</summary>
    public string Format { get; init; } = Kind;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public DateTimeOffset CreatedAt { get; init; }
    public required IReadOnlyList<PackageManifest> Packages { get; init; }
}
