namespace TsOrchestrator.Agent.Disks;

/// <summary>The file systems Format and Partition Disk makes on Linux (ConfigMgr's FAT32 is vfat here).</summary>
internal enum FileSystemKind
{
    /// <summary>Left unformatted (a Microsoft reserved or BIOS boot partition).</summary>
    None,
    Ext4,
    Xfs,
    Vfat,
    Ntfs,
}
