using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Bench;

/// <summary>
/// The baseline's state: the same content as <see cref="RunState"/> as one flat object with a plain
/// dictionary of variables, the shape a reflection-serialised workflow state usually has.
/// </summary>
internal sealed class BaselineRunState
{
    public string RunId { get; set; } = "";
    public string DefinitionHash { get; set; } = "";
    public RunStatus Status { get; set; }
    public Dictionary<string, string> Variables { get; set; } = [];
    public string? BookmarkWorkItemId { get; set; }
    public WorkItemKind? BookmarkKind { get; set; }
    public int? BookmarkActivityIndex { get; set; }
    public int? BookmarkAttempt { get; set; }
    public DateTimeOffset? BookmarkDispatchedAt { get; set; }
    public long WorkItemCount { get; set; }
    public string? FailedPath { get; set; }
    public string? FailureReason { get; set; }
    public int StepsRun { get; set; }
    public int StepsFailed { get; set; }
    public long Version { get; set; }

    /// <summary>Copies the state, variables into a new dictionary (a copy per save, as such hosts do).</summary>
    public static BaselineRunState From(RunState state) => new()
    {
        RunId = state.RunId,
        DefinitionHash = state.DefinitionHash,
        Status = state.Status,
        Variables = new Dictionary<string, string>(state.Variables, StringComparer.OrdinalIgnoreCase),
        BookmarkWorkItemId = state.Bookmark?.WorkItemId,
        BookmarkKind = state.Bookmark?.Kind,
        BookmarkActivityIndex = state.Bookmark?.ActivityIndex,
        BookmarkAttempt = state.Bookmark?.Attempt,
        BookmarkDispatchedAt = state.Bookmark?.DispatchedAt,
        WorkItemCount = state.WorkItemCount,
        FailedPath = state.FailedPath,
        FailureReason = state.FailureReason,
        StepsRun = state.StepsRun,
        StepsFailed = state.StepsFailed,
        Version = state.Version,
    };

    /// <summary>Back to the engine's state, so the baseline's cycle ends where ours does.</summary>
    public RunState ToRunState() => new()
    {
        RunId = RunId,
        DefinitionHash = DefinitionHash,
        Status = Status,
        Variables = new VariableEnvironment(Variables),
        Bookmark = BookmarkWorkItemId is null ? null : new Bookmark
        {
            WorkItemId = BookmarkWorkItemId,
            Kind = BookmarkKind ?? WorkItemKind.Step,
            ActivityIndex = BookmarkActivityIndex ?? 0,
            Attempt = BookmarkAttempt ?? 1,
            DispatchedAt = BookmarkDispatchedAt,
        },
        WorkItemCount = WorkItemCount,
        FailedPath = FailedPath,
        FailureReason = FailureReason,
        StepsRun = StepsRun,
        StepsFailed = StepsFailed,
        Version = Version,
    };
}
