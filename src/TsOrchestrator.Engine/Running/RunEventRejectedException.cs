namespace TsOrchestrator.Engine.Running;

/// <summary>An event that makes no sense for the run as it stands (e.g. resuming a running run, an unknown path).</summary>
public sealed class RunEventRejectedException : Exception
{
    public RunEventRejectedException(string message)
        : base(message)
    {
    }

    public RunEventRejectedException()
    {
    }

    public RunEventRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
