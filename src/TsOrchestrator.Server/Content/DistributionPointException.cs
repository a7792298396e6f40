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

    public DistributionPointException(string message, bool transient)
        : base(message)
    {
        Transient = transient;
    }

    /// <summary>True when trying again later may work (the DP is busy or failing); false when it refused what it was sent.</summary>
    public bool Transient { get; }
}
