namespace TsOrchestrator.Agent.Handlers;

/// <summary>What an archive step wrote or read, for its log line.</summary>
internal sealed class ArchiveTally(StepLog log)
{
    public long Files { get; set; }
    public long Directories { get; set; }
    public long SymbolicLinks { get; set; }
    public long HardLinks { get; set; }
    public long SpecialFiles { get; set; }
    public long Bytes { get; set; }
    public SkipLog Skipped { get; } = new(log);

    public override string ToString() =>
        $"{Files} files ({Bytes} bytes), {Directories} folders, {SymbolicLinks} symbolic links, {HardLinks} hard links, {SpecialFiles} special files, {Skipped.Total} skipped";
}
