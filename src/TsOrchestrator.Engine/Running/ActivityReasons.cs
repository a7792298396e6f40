namespace TsOrchestrator.Engine.Running;

/// <summary>The reasons recorded in run history, as stable words for tools and tests.</summary>
public static class ActivityReasons
{
    public const string Disabled = "disabled";
    public const string Condition = "condition";
    public const string ExitCode = "exit-code";
    public const string TimeOut = "timeout";
    public const string UnexpectedRestart = "unexpected-restart";
    public const string RetryingAfterUnexpectedRestart = "unexpected-restart-retrying";
    public const string Cancelled = "cancelled";
    public const string RunTimedOut = "run-timed-out";
    public const string ChildSequence = "child-sequence";
    public const string ConditionError = "condition-error";
    public const string ReadOnlyVariable = "read-only-variable";
}
