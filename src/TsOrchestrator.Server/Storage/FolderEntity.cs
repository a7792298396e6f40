namespace TsOrchestrator.Server.Storage;

/// <summary>A console folder, keyed by its full path.</summary>
public sealed class FolderEntity
{
    public required string Path { get; set; }
    public required string Name { get; set; }
    public string? Parent { get; set; }
}
