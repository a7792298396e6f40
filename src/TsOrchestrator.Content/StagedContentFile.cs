namespace TsOrchestrator.Content;

/// <summary>A file written and hashed in the library's temp folder, not yet in the library.</summary>
public sealed record StagedContentFile(string TempPath, string Hash, long Size)
{
    public void Discard() => File.Delete(TempPath);

    /// <summary>What an import staged before it failed: none of it goes into the library.</summary>
    public static void DiscardAll(IEnumerable<StagedContentFile> staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        foreach (var file in staged)
        {
            file.Discard();
        }
    }
}
