namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>Where the boot loader went and what it boots.</summary>
internal sealed record BootLoaderResult(string Disk, string RootPartition, string RootUuid, string Kernel);
