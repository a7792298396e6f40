namespace TsOrchestrator.Contracts.Folders;

/// <summary>A console folder of task sequences; paths are <c>/</c>-separated (<c>OSD/Windows 11</c>).</summary>
public sealed record FolderInfo
{
    public required string Path { get; init; }
    public required string Name { get; init; }
    public string? Parent { get; init; }
}
