namespace TsOrchestrator.Contracts.Exchange;

/// <summary>One object of an import as the preview shows it.</summary>
public sealed record ImportPreviewObject
{
    public ExchangeObjectKind Kind { get; init; }

    /// <summary>The id in the export; actions are keyed by it.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }
    public int Version { get; init; }

    /// <summary>For packages: Package, OsImage, BootImage, DriverPackage, Application or OsUpgradePackage.</summary>
    public string? PackageType { get; init; }

    public ExistingObject? Existing { get; init; }

    /// <summary>What a commit without an action for this object does: Ignore Duplicate for an existing object, else Create New.</summary>
    public ImportAction ProposedAction { get; init; }

    public required IReadOnlyList<ImportAction> AllowedActions { get; init; }

    /// <summary>Secrets the export left out; they must be entered again after the import.</summary>
    public IReadOnlyList<StrippedSecret> StrippedSecrets { get; init; } = [];

    /// <summary>For packages: files and bytes of content, and whether the import carries them.</summary>
    public int FileCount { get; init; }

    public long SizeBytes { get; init; }
    public bool ContentIncluded { get; init; }
}
