namespace TsOrchestrator.Contracts.Exchange;

/// <summary>What an import did with one object.</summary>
public sealed record ImportedObject
{
    public ExchangeObjectKind Kind { get; init; }

    /// <summary>The id in the export.</summary>
    public required string SourceId { get; init; }

    /// <summary>The object on this server: new, overwritten or linked.</summary>
    public required string Id { get; init; }

    public ImportAction Action { get; init; }

    /// <summary>The sequence's version or the package's content version after the import.</summary>
    public int Version { get; init; }
}
