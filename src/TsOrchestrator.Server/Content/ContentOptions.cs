using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Content;

/// <summary>Content library and distribution (section <c>Content</c>).</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>How often the distribution worker looks at the queue when nothing woke it (other nodes queue work too).</summary>
    [Range(1, 3600)]
    public int DistributionPollSeconds { get; set; } = 5;

    /// <summary>
    /// How long a node's claim on a distribution lasts without renewal; the node renews it every third of this while it
    /// copies, so this is how soon another node (or this one after a restart) takes over from a node that died.
    /// </summary>
    [Range(3, 86400)]
    public int DistributionLeaseSeconds { get; set; } = 60;

    /// <summary>Distributions this node copies at once.</summary>
    [Range(1, 64)]
    public int DistributionConcurrency { get; set; } = 4;

    /// <summary>Wait before trying a distribution again after a transient failure, times the attempts so far.</summary>
    [Range(1, 3600)]
    public int DistributionRetrySeconds { get; set; } = 30;

    /// <summary>Attempts before a distribution stays Failed until distributed again; a refusal (4xx) fails at once.</summary>
    [Range(1, 100)]
    public int DistributionAttempts { get; set; } = 3;

    /// <summary>
    /// Folders on the site server a package's source folder (and an import's <c>contentPath</c>) may lie under, after
    /// symbolic links are resolved. None by default: a client could otherwise name any folder the server can read (its
    /// own data folder with <c>admin.key</c>), so a site that imports server folders names the ones it means. The data
    /// folder is never a source, even under a root.
    /// </summary>
    public IList<string> SourceRoots { get; } = [];
}
