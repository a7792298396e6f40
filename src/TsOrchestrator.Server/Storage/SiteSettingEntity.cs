namespace TsOrchestrator.Server.Storage;

/// <summary>
/// One value the whole site holds once, whichever node set it (e.g. <see cref="SharedFolderIdName"/>); the name is the
/// key, so two nodes setting the same one at once leave exactly one row.
/// </summary>
public sealed class SiteSettingEntity
{
    /// <summary>The id written in the site's shared folder's marker, which every node checks at start.</summary>
    public const string SharedFolderIdName = "SharedFolderId";

    public required string Name { get; set; }
    public required string Value { get; set; }
}
