namespace TsOrchestrator.Server.Storage;

/// <summary>One line of a package version's manifest; the bytes are in the content library under <see cref="Hash"/>.</summary>
public sealed class PackageFileEntity
{
    public required string PackageId { get; set; }
    public int Version { get; set; }
    public required string RelativePath { get; set; }
    public long Size { get; set; }
    public required string Hash { get; set; }

    /// <summary>Unix permission bits of the source file (see <c>ContentFile.Mode</c>); null for Windows sources and older content.</summary>
    public int? Mode { get; set; }
}
