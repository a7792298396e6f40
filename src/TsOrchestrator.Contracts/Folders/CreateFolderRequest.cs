namespace TsOrchestrator.Contracts.Folders;

/// <summary>Create a folder under <see cref="Parent"/> (null for the root).</summary>
public sealed record CreateFolderRequest
{
    public string? Name { get; init; }
    public string? Parent { get; init; }
}
