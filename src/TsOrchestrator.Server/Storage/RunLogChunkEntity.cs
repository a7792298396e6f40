namespace TsOrchestrator.Server.Storage;

/// <summary>A chunk of a step's log streamed by the agent; unique by run, work item and offset.</summary>
public sealed class RunLogChunkEntity
{
    public long Id { get; set; }
    public required string RunId { get; set; }
    public required string WorkItemId { get; set; }
    public long Offset { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
