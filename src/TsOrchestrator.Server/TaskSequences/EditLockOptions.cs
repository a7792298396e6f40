using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>Edit locks (section <c>EditLocks</c>).</summary>
public sealed class EditLockOptions
{
    public const string Section = "EditLocks";

    /// <summary>How long a lock lasts unless renewed; Configuration Manager's default is 30 minutes.</summary>
    [Range(1, 24 * 60)]
    public int DurationMinutes { get; set; } = 30;
}
