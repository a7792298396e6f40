using System.Text.Json.Serialization;

namespace TsOrchestrator.Contracts.Content;

/// <summary>One file of a package version: where it goes, how big it is, and its <see cref="ContentHash"/>.</summary>
public sealed record ContentFile
{
    /// <summary>The bits <see cref="Mode"/> may hold: read, write, execute for user, group and other (0777).</summary>
    public const int PermissionBits = 0b111_111_111;

    /// <summary>Path relative to the package root, with <c>/</c> separators.</summary>
    public required string Path { get; init; }

    public long Size { get; init; }
    public required string Hash { get; init; }

    /// <summary>
    /// The file's Unix permission bits in the source folder (within <see cref="PermissionBits"/>: never setuid, setgid
    /// or sticky), so a program such as <c>./install.sh</c> stays executable on the device. Null for a Windows source and
    /// for content imported before modes were kept: the device then leaves the file as it writes it. Left out of JSON
    /// when null so manifests of such content read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mode { get; init; }

    /// <summary>Whether <see cref="Mode"/> is absent or only permission bits: what a manifest from elsewhere must satisfy.</summary>
    [JsonIgnore]
    public bool HasValidMode => Mode is null or >= 0 and <= PermissionBits;
}
