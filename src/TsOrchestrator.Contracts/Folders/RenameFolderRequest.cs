namespace TsOrchestrator.Contracts.Folders;

/// <summary>Rename a folder; its task sequences and subfolders move with it.</summary>
public sealed record RenameFolderRequest
{
    public string? Name { get; init; }
}
