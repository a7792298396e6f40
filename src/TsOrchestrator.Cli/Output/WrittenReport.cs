namespace TsOrchestrator.Cli.Output;

/// <summary>
/// What a command that writes a file prints under <c>--json</c>: the full path and its size, and when the file holds
/// one task sequence, its id and version.
/// </summary>
internal sealed record WrittenReport(string Wrote, long Bytes)
{
    public string? Id { get; init; }

    public int? Version { get; init; }

    /// <summary>An export's content folder written beside the zip.</summary>
    public string? Content { get; init; }

    public long? ContentBytes { get; init; }

    public static WrittenReport Of(string path) => new(Path.GetFullPath(path), new FileInfo(path).Length);
}
