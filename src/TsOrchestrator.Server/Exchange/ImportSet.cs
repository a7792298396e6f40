using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// An upload read and checked, kept as <c>import.json</c> in its import folder until the commit: the sequences as
/// native JSON, the package records with their files, and where their content is.
/// </summary>
public sealed record ImportSet
{
    public required string Id { get; init; }
    public ImportSourceKind Source { get; init; }

    /// <summary>The id of the key that uploaded it; it may read and commit its preview.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The uploader's scopes, comma-separated (<c>*</c> for all): callers sharing one may read and commit it too.</summary>
    public string? Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public ExportManifest? Manifest { get; init; }

    /// <summary>Each sequence's native JSON, secrets stripped.</summary>
    public required IReadOnlyList<string> Sequences { get; init; }

    public required IReadOnlyList<ImportedPackage> Packages { get; init; }

    /// <summary>The folder holding <c>PACKAGE/path</c> for each package's files, when content came with the export.</summary>
    public string? ContentRoot { get; init; }

    /// <summary>True when <see cref="ContentRoot"/> was uploaded (and moves out of the import folder on commit), false for a folder on the server.</summary>
    public bool ContentUploaded { get; init; }
}
