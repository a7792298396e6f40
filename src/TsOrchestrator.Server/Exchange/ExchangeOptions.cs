using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Exchange;

/// <summary>Bounds of export and import (section <c>Exchange</c>): what an upload may expand to, and how long a preview waits.</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>
    /// Most bytes an upload may carry (the export zip and its content files together): 8 GiB, an export with an OS image.
    /// Refused by its declared length before anything is written, or counted while it arrives.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// Most bytes the objects of one export zip (manifest, sequences, package records) may expand to, counted while
    /// they are read: a zip bomb stops here however small its headers say it is.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxExpandedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most entries in an export zip or files in an upload.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Hours a preview is kept for its commit.</summary>
    [Range(1, 24 * 30)]
    public int PreviewLifetimeHours { get; set; } = 24;
}
