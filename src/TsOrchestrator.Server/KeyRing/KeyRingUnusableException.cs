namespace TsOrchestrator.Server.KeyRing;

/// <summary>
/// The key ring cannot be used with this node's key protection setting: the server stops at start with this one
/// line, which names the setting, rather than answer 500 for every secret later.
/// </summary>
public sealed class KeyRingUnusableException : Exception
{
    public KeyRingUnusableException()
    {
    }

    public KeyRingUnusableException(string message)
        : base(message)
    {
    }

    public KeyRingUnusableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
