namespace TsOrchestrator.Engine.Elsa;

/// <summary>What the exporter cannot read from the compiled workflow itself.</summary>
public sealed record ElsaExportOptions
{
    /// <summary>When the version was saved (the server knows; a file does not).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Whether this is the sequence's latest version.</summary>
    public bool IsLatest { get; init; } = true;

    public string? Description { get; init; }
}
