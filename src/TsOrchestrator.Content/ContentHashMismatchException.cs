namespace TsOrchestrator.Content;

/// <summary>Bytes that did not hash to what they were sent as: corrupt or truncated content.</summary>
public sealed class ContentHashMismatchException : Exception
{
    public ContentHashMismatchException(string expected, string actual, long size)
        : base($"content sent as {expected} hashes to {actual} ({size} bytes): it is corrupt or truncated")
    {
        Expected = expected;
        Actual = actual;
    }

    public ContentHashMismatchException()
    {
        Expected = Actual = "";
    }

    public ContentHashMismatchException(string message)
        : base(message)
    {
        Expected = Actual = "";
    }

    public ContentHashMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = Actual = "";
    }

    public string Expected { get; }
    public string Actual { get; }
}
