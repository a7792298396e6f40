using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>
/// Create a task sequence: from one of the Create wizard's templates (<c>install-os</c>,
/// <c>upgrade-os</c>, <c>build-capture</c>, <c>user-state</c>, <c>custom</c>), or from a full document.
/// </summary>
public sealed record CreateTaskSequenceRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Folder { get; init; }
    public string? Template { get; init; }

    /// <summary>
    /// Which version of the template: <c>windows</c> (Configuration Manager's templates, the default) or <c>linux</c>
    /// (what the Linux agent runs: the boot image, GRUB, packages instead of applications). Ignored with a full document.
    /// </summary>
    public string? Platform { get; init; }

    /// <summary>A full native document; its id is replaced by a new one when it is taken.</summary>
    public TaskSequence? Sequence { get; init; }
}
