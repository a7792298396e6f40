using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;

namespace TsOrchestrator.Server.Exchange;

/// <summary>One object in an export's manifest.</summary>
public sealed record ExportedObject
{
    public ExchangeObjectKind Kind { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The sequence version or package content version exported.</summary>
    public int Version { get; init; }

    /// <summary>The zip entry holding the object's native JSON (<c>task-sequences/ID.tsq.json</c>, <c>packages/ID.json</c>).</summary>
    public required string Entry { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the entry's bytes.</summary>
    public required string Sha256 { get; init; }

    public IReadOnlyList<StrippedSecret> StrippedSecrets { get; init; } = [];

    /// <summary>A package's files (path, size, content hash); under <c>&lt;export&gt;_files/ID/</c> when content was exported.</summary>
    public IReadOnlyList<ContentFile> Files { get; init; } = [];
}
