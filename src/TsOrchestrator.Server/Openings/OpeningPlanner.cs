using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Openings;

/// <summary>
/// The openings in a span of time: when enabled deployments become available or their assignment (each occurrence of
/// a recurring one, each batch of a phased one) comes due, and when maintenance windows open. Tables are read whole
/// and filtered here: they are small, and a time comparison is not one every store provider translates.
/// </summary>
public sealed class OpeningPlanner(StoreContext store)
{
    /// <summary>How many occurrences of one recurring schedule one plan takes at most (a daily window over a long span).</summary>
    private const int MaximumOccurrences = 64;

    /// <summary>Openings at or after <paramref name="from"/> and before <paramref name="to"/>; only of the given deployments and windows when they are given.</summary>
    public async Task<List<Opening>> InAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? deploymentIds, IReadOnlyCollection<string>? windowIds,
        CancellationToken cancellationToken)
    {
        var openings = new List<Opening>();
        if (deploymentIds is null || deploymentIds.Count > 0)
        {
            var deployments = store.Deployments.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(d => d.Enabled);
            if (deploymentIds is not null)
            {
                deployments = deployments.Where(d => deploymentIds.Contains(d.Id));
            }

            var enabled = (await deployments.ToListAsync(cancellationToken)).Where(d => d.ExpiresAt is null || d.ExpiresAt > from).ToList();
            foreach (var deployment in enabled)
            {
                Add(openings, Opening.Deployment, deployment.Id, deployment.AvailableAt, from, to);
                if (deployment.Purpose == DeploymentPurpose.Required && deployment.AssignmentAt is { } assignment)
                {
                    AddOccurrences(openings, Opening.Deployment, deployment.Id, assignment, deployment.AssignmentRecurrence, deployment.AssignmentInterval, from, to);
                }
            }

            var phased = enabled.Where(d => d.PhasedDeploymentId is not null).Select(d => d.Id).ToList();
            if (phased.Count > 0)
            {
                foreach (var batch in await store.DeploymentBatches.AsNoTracking().Where(b => phased.Contains(b.DeploymentId)).ToListAsync(cancellationToken))
                {
                    Add(openings, Opening.Deployment, batch.DeploymentId, batch.AvailableAt, from, to);
                    Add(openings, Opening.Deployment, batch.DeploymentId, batch.AssignmentAt, from, to);
                }
            }
        }

        if (windowIds is null || windowIds.Count > 0)
        {
            var windows = store.MaintenanceWindows.AsNoTracking();
            if (windowIds is not null)
            {
                windows = windows.Where(w => windowIds.Contains(w.Id));
            }

            foreach (var window in await windows.ToListAsync(cancellationToken))
            {
                AddOccurrences(openings, Opening.Window, window.Id, window.Start, window.Recurrence, window.Interval, from, to);
            }
        }

        return [.. openings.Distinct()];
    }

    private static void Add(List<Opening> openings, string kind, string id, DateTimeOffset? at, DateTimeOffset from, DateTimeOffset to)
    {
        if (at is { } time && time >= from && time < to)
        {
            openings.Add(new Opening(kind, id, time));
        }
    }

    private static void AddOccurrences(List<Opening> openings, string kind, string id, DateTimeOffset start, Recurrence recurrence, int interval,
        DateTimeOffset from, DateTimeOffset to)
    {
        var next = RecurrenceMath.NextOccurrence(start, recurrence, interval, from.AddTicks(-1));
        for (var i = 0; next is { } at && at < to && i < MaximumOccurrences; i++)
        {
            openings.Add(new Opening(kind, id, at));
            next = RecurrenceMath.NextOccurrence(start, recurrence, interval, at);
        }
    }
}
