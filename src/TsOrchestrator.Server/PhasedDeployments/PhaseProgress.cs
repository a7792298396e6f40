using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>
/// Where a phase's devices stand, by each device's latest run of the phase's deployment. The devices are the
/// phase's batches (its collection when it began): a device that joined later runs the phase but does not move
/// the figures.
/// </summary>
public sealed record PhaseProgress(int Devices, int Succeeded, int Failed, int FailedSince)
{
    public static readonly PhaseProgress NotBegun = new(0, 0, 0, 0);

    public double SucceededPercent => Devices == 0 ? 100 : Succeeded * 100.0 / Devices;
    public double FailedPercent => Devices == 0 ? 0 : Failed * 100.0 / Devices;

    /// <summary>Failures whose run ended after the given time (the last resume), as a percentage of the devices.</summary>
    public double FailedSincePercent => Devices == 0 ? 0 : FailedSince * 100.0 / Devices;

    public static async Task<PhaseProgress> OfAsync(StoreContext store, DeploymentPhaseEntity phase, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(phase);
        if (phase.DeploymentId is not { } deploymentId)
        {
            return NotBegun;
        }

        var devices = (await store.DeploymentBatches.AsNoTracking().Where(b => b.DeploymentId == deploymentId).Select(b => b.DeviceId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var runs = await store.Runs.AsNoTracking().Where(r => r.DeploymentId == deploymentId)
            .Select(r => new { r.DeviceId, r.Status, r.CreatedAt, r.UpdatedAt }).ToListAsync(cancellationToken);
        var latest = runs.Where(r => devices.Contains(r.DeviceId)).GroupBy(r => r.DeviceId).Select(g => g.MaxBy(r => r.CreatedAt)!).ToList();
        var failed = latest.Where(r => IsFailure(r.Status)).ToList();
        return new PhaseProgress(devices.Count, latest.Count(r => r.Status == nameof(RunStatus.Succeeded)), failed.Count,
            failed.Count(r => since is null || r.UpdatedAt >= since));
    }

    private static bool IsFailure(string status) =>
        status is nameof(RunStatus.Failed) or nameof(RunStatus.Cancelled) or nameof(RunStatus.TimedOut);
}
