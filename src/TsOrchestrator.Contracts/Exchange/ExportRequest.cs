namespace TsOrchestrator.Contracts.Exchange;

/// <summary>Export Task Sequence: which sequences, with or without their dependencies and content.</summary>
public sealed record ExportRequest
{
    /// <summary>Task sequence ids to export.</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Boot image, OS images, upgrade packages, packages, driver packages, applications with their dependencies and child sequences, recursively.</summary>
    public bool IncludeDependencies { get; init; } = true;

    /// <summary>
    /// Every package's files as well. The response is then a tar stream holding <c>export.zip</c> and
    /// <c>export_files/</c>, which a client writes as <c>&lt;name&gt;.zip</c> and <c>&lt;name&gt;_files/</c>.
    /// </summary>
    public bool IncludeContent { get; init; }

    /// <summary>The administrator's comment, kept in the manifest.</summary>
    public string? Comment { get; init; }
}
