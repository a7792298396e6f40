namespace TsOrchestrator.Server.Storage;

/// <summary>Whether a Required deployment runs again on a device that already ran it.</summary>
public enum RerunBehavior
{
    NeverRerun,
    AlwaysRerun,
    RerunIfFailed,
    RerunIfSucceeded,
}
