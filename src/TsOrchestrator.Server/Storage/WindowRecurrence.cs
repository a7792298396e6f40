namespace TsOrchestrator.Server.Storage;

/// <summary>How a maintenance window repeats.</summary>
public enum WindowRecurrence
{
    None,
    Daily,
    Weekly,
}
