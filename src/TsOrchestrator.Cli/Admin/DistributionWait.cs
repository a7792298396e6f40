using TsOrchestrator.Cli.Progress;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// <c>content distribute --wait</c>: polls the content status until every targeted distribution point holds every package
/// at its current version, or one of them failed (then the DP and its message are the error).
/// </summary>
internal static class DistributionWait
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<PackageDistributionStatus>> WaitAsync(IAdminApi api, string id, bool package, DistributeContentRequest request,
        IReadOnlyList<PackageDistributionStatus> queued, ProgressReport progress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(api, request, cancellationToken);
        var packages = queued.Select(s => s.PackageId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bars = new Dictionary<string, ProgressLine>(StringComparer.OrdinalIgnoreCase);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var status = queued;
        try
        {
            while (true)
            {
                // The server's rows for the packages on the targeted DPs; a row still at an older version is not done.
                var rows = status.Where(s => packages.Contains(s.PackageId) && targets.Contains(s.DistributionPointId)).ToList();
                foreach (var point in rows.GroupBy(r => r.DistributionPointId, StringComparer.OrdinalIgnoreCase))
                {
                    var bar = bars.TryGetValue(point.Key, out var existing) ? existing : bars[point.Key] = progress.Add(point.First().DistributionPointName, point.Count());
                    var done = point.Count(Done);
                    bar.Set(done, point.Count());
                    bar.Describe($"{point.First().DistributionPointName}: {done} of {point.Count()} package(s)");
                }

                if (rows.FirstOrDefault(r => r.Status == DistributionStatus.Failed) is { } failed)
                {
                    throw new AdminApiException($"distribution failed on {failed.DistributionPointId} '{failed.DistributionPointName}': " +
                        $"{failed.PackageId} version {failed.Version}: {failed.Message ?? "no message"}");
                }

                if (rows.Count > 0 && rows.All(Done))
                {
                    foreach (var bar in bars.Values)
                    {
                        bar.Done();
                    }

                    return status;
                }

                await Task.Delay(Poll, limit.Token);
                status = package
                    ? await api.GetPackageContentStatusAsync(id, limit.Token)
                    : await api.GetTaskSequenceContentStatusAsync(id, limit.Token);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var waiting = status.Where(s => packages.Contains(s.PackageId) && targets.Contains(s.DistributionPointId) && !Done(s))
                .Select(s => $"{s.PackageId} on {s.DistributionPointId} ({s.Status})");
            throw new AdminApiException($"distribution did not finish within {timeout.TotalMinutes:0.#} minutes; still waiting for {string.Join(", ", waiting)}");
        }
    }

    private static bool Done(PackageDistributionStatus s) => s.Status == DistributionStatus.Success && s.Version == s.CurrentVersion;

    /// <summary>The DPs the request names, as the server resolves them: directly, through groups, through collections' groups; the site server when none.</summary>
    private static async Task<HashSet<string>> TargetsAsync(IAdminApi api, DistributeContentRequest request, CancellationToken cancellationToken)
    {
        var targets = new HashSet<string>(request.DistributionPointIds ?? [], StringComparer.OrdinalIgnoreCase);
        if (request.DistributionPointGroupIds is not null || request.CollectionIds is not null)
        {
            var groups = new HashSet<string>(request.DistributionPointGroupIds ?? [], StringComparer.OrdinalIgnoreCase);
            var collections = new HashSet<string>(request.CollectionIds ?? [], StringComparer.OrdinalIgnoreCase);
            foreach (var group in await api.ListDistributionPointGroupsAsync(cancellationToken))
            {
                if (groups.Contains(group.Id) || group.CollectionIds.Any(collections.Contains))
                {
                    targets.UnionWith(group.DistributionPointIds);
                }
            }
        }

        if (request.DistributionPointIds is null && request.DistributionPointGroupIds is null && request.CollectionIds is null)
        {
            targets.UnionWith((await api.ListDistributionPointsAsync(cancellationToken)).Where(d => d.IsSiteServer).Select(d => d.Id));
        }

        return targets;
    }
}
