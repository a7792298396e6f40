using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// Distribute Content: queues each package version for each target distribution point, skipping
/// those that already hold it; <see cref="DistributionWorker"/> does the copying.
/// </summary>
public sealed class ContentDistributor(StoreContext store, AuditLog audit, TimeProvider clock, DistributionSignal signal)
{
    /// <summary>Every package the sequence's current version references, including its boot image.</summary>
    public async Task<IReadOnlyList<PackageDistributionStatus>> DistributeSequenceAsync(string sequenceId, DistributeContentRequest request, Caller caller,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var packages = await ReferencedPackagesAsync(sequenceId, cancellationToken);
        var targets = await TargetsAsync(request, cancellationToken);
        await QueueAsync(packages, targets, cancellationToken);
        audit.Record(caller, "distribute", "TaskSequence", sequenceId, null, null,
            $"{packages.Count} package(s) to {string.Join(", ", targets)}");
        await store.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return await StatusAsync([.. packages.Select(p => p.Id)], cancellationToken);
    }

    public async Task<IReadOnlyList<PackageDistributionStatus>> DistributePackageAsync(PackageEntity package, DistributeContentRequest request, Caller caller,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(request);
        var targets = await TargetsAsync(request, cancellationToken);
        var packages = await PackageDependencies.WithDependenciesAsync(store, [package], cancellationToken);
        await QueueAsync(packages, targets, cancellationToken);
        audit.Record(caller, "distribute", "Package", package.Id, package.ConcurrencyVersion, package.ConcurrencyVersion,
            $"version {package.Version} to {string.Join(", ", targets)}");
        await store.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return await StatusAsync([.. packages.Select(p => p.Id)], cancellationToken);
    }

    public async Task<IReadOnlyList<PackageDistributionStatus>> SequenceStatusAsync(string sequenceId, Caller caller, CancellationToken cancellationToken)
    {
        var packages = await ReferencedPackagesAsync(sequenceId, cancellationToken);
        return await StatusAsync([.. packages.Select(p => p.Id)], cancellationToken);
    }

    public async Task<IReadOnlyList<PackageDistributionStatus>> StatusAsync(IReadOnlyCollection<string> packageIds, CancellationToken cancellationToken)
    {
        var rows = await store.PackageDistributions.AsNoTracking().Where(d => packageIds.Contains(d.PackageId)).ToListAsync(cancellationToken);
        var packages = await store.Packages.AsNoTracking().Where(p => packageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var points = await store.DistributionPoints.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        return [.. rows.OrderBy(r => r.PackageId, StringComparer.Ordinal).ThenBy(r => r.DistributionPointId, StringComparer.Ordinal).Select(r => new PackageDistributionStatus
        {
            PackageId = r.PackageId, PackageName = packages[r.PackageId].Name, Version = r.Version, CurrentVersion = packages[r.PackageId].Version,
            DistributionPointId = r.DistributionPointId, DistributionPointName = points.GetValueOrDefault(r.DistributionPointId, r.DistributionPointId),
            Status = r.Status, Message = r.Message, UpdatedAt = r.UpdatedAt,
        })];
    }

    private async Task<List<PackageEntity>> ReferencedPackagesAsync(string sequenceId, CancellationToken cancellationToken)
    {
        var sequence = await store.TaskSequences.AsNoTracking().FoundAsync(sequenceId, "TaskSequence", cancellationToken);
        var content = await store.TaskSequenceVersions.AsNoTracking()
            .Where(v => v.SequenceId == sequence.Id && v.Version == sequence.LatestVersion).Select(v => v.Content).FirstAsync(cancellationToken);
        var references = PackageReferences.Of(NativeFormat.Deserialize(content, sequence.Id));
        var ids = references.Keys.ToList();
        var packages = await store.Packages.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var missing = references.Where(r => !packages.Any(p => string.Equals(p.Id, r.Key, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            throw Problem.Validation(missing.ToDictionary(m => m.Value, m => new[] { $"package '{m.Key}' does not exist or is outside your security scopes" }),
                $"task sequence '{sequence.Id}' references packages that do not exist or are outside your security scopes: {string.Join(", ", missing.Select(m => m.Key))}");
        }

        return await PackageDependencies.WithDependenciesAsync(store, packages, cancellationToken);
    }

    /// <summary>The distribution point ids a request names, directly, through groups, or through collections' groups.</summary>
    private async Task<List<string>> TargetsAsync(DistributeContentRequest request, CancellationToken cancellationToken)
    {
        // Each id once: a request naming one DP 100,000 times would otherwise hold the server for 100,000 queries.
        var targets = new List<string>();
        foreach (var id in (request.DistributionPointIds ?? []).Distinct(StringComparer.Ordinal))
        {
            targets.Add((await store.DistributionPoints.AsNoTracking().ReferencedAsync(id, "distributionPointIds", "distribution point", cancellationToken)).Id);
        }

        var groups = new List<string>();
        foreach (var id in (request.DistributionPointGroupIds ?? []).Distinct(StringComparer.Ordinal))
        {
            groups.Add((await store.DistributionPointGroups.AsNoTracking().ReferencedAsync(id, "distributionPointGroupIds", "distribution point group", cancellationToken)).Id);
        }

        foreach (var id in (request.CollectionIds ?? []).Distinct(StringComparer.Ordinal))
        {
            _ = await store.Collections.AsNoTracking().ReferencedAsync(id, "collectionIds", "collection", cancellationToken);

            var associated = await store.CollectionDistributionPointGroups.AsNoTracking().Where(a => a.CollectionId == id).Select(a => a.GroupId).ToListAsync(cancellationToken);
            groups.AddRange(associated.Count > 0
                ? associated
                : throw Problem.BadRequest("collectionIds", $"collection '{id}' has no distribution point group associated with it"));
        }

        targets.AddRange(await store.DistributionPointGroupMembers.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => m.DistributionPointId).ToListAsync(cancellationToken));
        if (targets.Count == 0 && request.DistributionPointIds is null && request.DistributionPointGroupIds is null && request.CollectionIds is null)
        {
            targets.Add(SiteServerDistributionPoint.Id);
        }

        return targets.Count > 0
            ? [.. targets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : throw Problem.BadRequest("distributionPointGroupIds", "the groups named have no distribution points");
    }

    private async Task QueueAsync(IReadOnlyList<PackageEntity> packages, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        var ids = packages.Select(p => p.Id).ToList();
        var existing = await store.PackageDistributions.Where(d => ids.Contains(d.PackageId) && targets.Contains(d.DistributionPointId)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var package in packages)
        {
            foreach (var target in targets)
            {
                var row = existing.FirstOrDefault(d => d.PackageId == package.Id && d.DistributionPointId == target);
                if (row is null)
                {
                    store.PackageDistributions.Add(new PackageDistributionEntity
                    {
                        PackageId = package.Id, DistributionPointId = target, Version = package.Version, Status = DistributionStatus.Pending, UpdatedAt = now,
                    });
                }
                else if (row.Version != package.Version || row.Status == DistributionStatus.Failed)
                {
                    // Held, pending or in progress at this version: nothing to do. A failure or an older version goes again.
                    row.Version = package.Version;
                    row.Status = DistributionStatus.Pending;
                    row.Message = null;
                    row.Attempts = 0;
                    row.LeaseUntil = null;
                    row.UpdatedAt = now;
                }
            }
        }
    }
}
