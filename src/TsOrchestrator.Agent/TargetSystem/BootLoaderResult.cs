namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>Where the boot loader went and what it boots; the ESP's UUID when it was written without being mounted (fstab still mounts it).</summary>
internal sealed record BootLoaderResult(string Disk, string RootPartition, string RootUuid, string Kernel, string? UnmountedEspUuid);
