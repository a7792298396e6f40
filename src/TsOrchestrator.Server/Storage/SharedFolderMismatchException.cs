namespace TsOrchestrator.Server.Storage;

/// <summary>
/// This node's shared folder (<c>Storage:SharedDirectory</c>) is not the site's: the server stops at start with this one
/// line, which names the setting and the folder, rather than serve content and previews other nodes cannot see.
/// </summary>
public sealed class SharedFolderMismatchException : Exception
{
    public SharedFolderMismatchException()
    {
    }

    public SharedFolderMismatchException(string message)
        : base(message)
    {
    }

    public SharedFolderMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
