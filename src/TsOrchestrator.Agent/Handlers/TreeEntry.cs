namespace TsOrchestrator.Agent.Handlers;

/// <summary>One item under a walked root: its path, its '/'-separated path relative to the root, and its type.</summary>
internal sealed record TreeEntry(string FullPath, string RelativePath, UnixFileKind Kind);
