namespace TsOrchestrator.Server.ScaleOut;

/// <summary>
/// A run event by reference: the history records it added (by sequence number) or the log chunk it carried, which the
/// receiving node reads from the store. Long step output and log chunks (up to 64 KiB) exceed a NOTIFY payload.
/// </summary>
public sealed record RunEventReference
{
    public required string RunId { get; init; }

    public IReadOnlyList<int> Sequences { get; init; } = [];

    public string? LogWorkItemId { get; init; }

    public long? LogOffset { get; init; }
}
