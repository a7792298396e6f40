namespace TsOrchestrator.Contracts.Exchange;

/// <summary>An uploaded import waiting for its commit: every object and what the commit would do with it.</summary>
public sealed record ImportPreview
{
    public required string Id { get; init; }
    public ImportSourceKind Source { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this the preview is deleted and must be uploaded again.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public string? Comment { get; init; }
    public DateTimeOffset? ExportedAt { get; init; }
    public string? ServerVersion { get; init; }
    public bool IncludesContent { get; init; }
    public required IReadOnlyList<ImportPreviewObject> Objects { get; init; }

    /// <summary>
    /// Package, image, application and child sequence ids the imported sequences name that neither the import nor the
    /// site has: the sequences are imported, but deploying them is refused until these exist.
    /// </summary>
    public IReadOnlyList<string> UnresolvedReferences { get; init; } = [];
}
