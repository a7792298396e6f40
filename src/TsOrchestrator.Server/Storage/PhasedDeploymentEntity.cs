namespace TsOrchestrator.Server.Storage;

/// <summary>
/// A task sequence rolled out to collections one phase after another (TS-SEMANTICS §6). Each phase, once
/// begun, is an ordinary <see cref="DeploymentEntity"/> tagged with this id and its phase number.
/// </summary>
public sealed class PhasedDeploymentEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string SequenceId { get; set; }
    public PhasedDeploymentStatus Status { get; set; } = PhasedDeploymentStatus.Active;

    /// <summary>The phase now deployed, from 1.</summary>
    public int CurrentPhase { get; set; } = 1;

    /// <summary>Suspend by itself when more than this percentage of the current phase's devices failed; null never halts.</summary>
    public int? HaltFailurePercent { get; set; }

    /// <summary>Why it is suspended: the operator who suspended it, or the halt criterion's figures.</summary>
    public string? SuspendReason { get; set; }

    /// <summary>Halt counts only failures after the last resume, so resuming after a halt is not undone by the same failures.</summary>
    public DateTimeOffset? ResumedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string Scopes { get; set; } = "default";
    public long ConcurrencyVersion { get; set; }
}
