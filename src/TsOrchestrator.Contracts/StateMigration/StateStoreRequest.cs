namespace TsOrchestrator.Contracts.StateMigration;

/// <summary>
/// Request State Store, as the agent asks the state migration point: a new store to capture into, or the store to
/// restore from. The run and work item make a retried capture request answer the store it already created.
/// </summary>
public sealed record StateStoreRequest
{
    /// <summary><c>Capture</c> or <c>Restore</c> (the step's <c>StateStoreRequestType</c>).</summary>
    public required string Purpose { get; init; }

    public required string RunId { get; init; }

    public required string WorkItemId { get; init; }
}
