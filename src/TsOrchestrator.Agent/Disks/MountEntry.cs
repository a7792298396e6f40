namespace TsOrchestrator.Agent.Disks;

/// <summary>One mount: where, what file system, from which device (or pseudo source).</summary>
internal sealed record MountEntry(string MountPoint, string FileSystem, string Source);
