namespace TsOrchestrator.Server.Storage;

/// <summary>How a maintenance window or an assignment schedule repeats.</summary>
public enum Recurrence
{
    None,
    Daily,
    Weekly,
}
