namespace TsOrchestrator.Server.Content;

/// <summary>A remote distribution point refused or failed a copy; the message is what it said.</summary>
public sealed class DistributionPointException : Exception
{
    public DistributionPointException()
    {
    }

    public DistributionPointException(string message)
        : base(message)
    {
    }

    public DistributionPointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
