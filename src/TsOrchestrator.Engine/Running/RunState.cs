namespace TsOrchestrator.Engine.Running;

/// <summary>
/// The hot state of one run: small, serialisable, and independent of history length. The engine
/// advances it in place; the server persists it after every transition.
/// </summary>
public sealed class RunState
{
    public string RunId { get; set; } = "";

    /// <summary>Content hash of the definition the run is pinned to.</summary>
    public string DefinitionHash { get; set; } = "";

    public RunStatus Status { get; set; } = RunStatus.NotStarted;
    public VariableEnvironment Variables { get; set; } = new();

    /// <summary>The outstanding work item, while the run waits for the device.</summary>
    public Bookmark? Bookmark { get; set; }

    /// <summary>Number of work items issued so far; the next id is derived from it.</summary>
    public long WorkItemCount { get; set; }

    /// <summary>Path of the step whose failure ended the run (or that was interrupted); where Resume starts.</summary>
    public string? FailedPath { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>Steps that ran (attempts that reached a result).</summary>
    public int StepsRun { get; set; }

    /// <summary>Step failures, including those that continued on error.</summary>
    public int StepsFailed { get; set; }

    /// <summary>Incremented by every accepted transition: optimistic concurrency for the store.</summary>
    public long Version { get; set; }
}
