using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// Works the distribution queue kept in the store: claims one package-on-DP row at a time with a lease
/// (so several nodes share the queue and a restart loses nothing), copies it, records the outcome.
/// </summary>
public sealed partial class DistributionWorker(
    IServiceScopeFactory scopes, DistributionSignal signal, ContentLibrary library, IHttpClientFactory httpClients,
    IDataProtectionProvider protection, IOptions<ContentOptions> options, Telemetry.ServerMetrics metrics, TimeProvider clock, ILogger<DistributionWorker> logger) : BackgroundService
{
    public const string AccessKeyPurpose = "TsOrchestrator.DistributionPointAccessKey";

    // Several copies at once, so that one slow DP or one large image does not hold up every other distribution.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.DistributionConcurrency).Select(_ => WorkLoopAsync(stoppingToken)));

    private async Task WorkLoopAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.DistributionPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await WorkOneAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                // The store is busy or away; the row is still queued, try again at the next poll.
                LogStoreUnavailable(logger, e);
                worked = false;
            }

            if (!worked)
            {
                try
                {
                    await signal.WaitAsync(poll, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // A host that failed to start cancels its services without stopping them first, and reports a
                    // cancelled one as a crash: end quietly instead.
                    return;
                }
            }
        }
    }

    /// <summary>Claims and copies one queued distribution; false when the queue is empty.</summary>
    public async Task<bool> WorkOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var now = clock.GetUtcNow();
        var candidate = await store.PackageDistributions.AsNoTracking()
            .Where(d => (d.Status == DistributionStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now)) ||
                        (d.Status == DistributionStatus.InProgress && d.LeaseUntil < now))
            .OrderBy(d => d.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        // Counted where the queue is read anyway (once per copy or poll), not on every scrape.
        metrics.DistributionQueue(await store.PackageDistributions
            .CountAsync(d => d.Status == DistributionStatus.Pending || d.Status == DistributionStatus.InProgress, cancellationToken));
        if (candidate is null)
        {
            return false;
        }

        var leaseUntil = now.AddSeconds(options.Value.DistributionLeaseSeconds);
        var claimed = await store.PackageDistributions
            .Where(d => d.PackageId == candidate.PackageId && d.DistributionPointId == candidate.DistributionPointId &&
                        d.Version == candidate.Version && d.Status == candidate.Status && d.UpdatedAt == candidate.UpdatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DistributionStatus.InProgress).SetProperty(d => d.LeaseUntil, leaseUntil)
                .SetProperty(d => d.UpdatedAt, now).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return true; // another node took it; look again
        }

        string? failure = null;
        var transient = false;
        using var copying = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lease = RenewLeaseAsync(candidate, now, copying);
        try
        {
            await CopyAsync(store, candidate.PackageId, candidate.Version, candidate.DistributionPointId, copying.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && copying.IsCancellationRequested)
        {
            // Only the lease cancels the copy on its own: the claim is lost, which the check below reports.
        }
        catch (Exception e) when (e is DistributionPointException or HttpRequestException or IOException or UnauthorizedAccessException or JsonException
                                      or System.Security.Cryptography.CryptographicException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            failure = e.Message;
            transient = e is DistributionPointException dp ? dp.Transient : e is HttpRequestException or IOException or TaskCanceledException;
            LogDistributionFailed(logger, candidate.PackageId, candidate.Version, candidate.DistributionPointId, e.Message);
        }
        finally
        {
            await copying.CancelAsync();
        }

        if (!await lease)
        {
            // Another node holds the distribution now (this one could not renew in time, or the package changed): its outcome counts.
            LogLeaseLost(logger, candidate.PackageId, candidate.Version, candidate.DistributionPointId);
            return true;
        }

        var attempts = candidate.Attempts + 1;
        var status = failure is null ? DistributionStatus.Success
            : transient && attempts < options.Value.DistributionAttempts ? DistributionStatus.Pending : DistributionStatus.Failed;
        var done = clock.GetUtcNow();

        // A transient failure waits before its next attempt (the lease field holds "not before" while Pending).
        DateTimeOffset? notBefore = status == DistributionStatus.Pending ? done.AddSeconds(options.Value.DistributionRetrySeconds * attempts) : null;

        // Guarded by version, status and claim time: if the package changed meanwhile, the row was queued again, and if
        // another node claimed it, the row is that node's; either way this outcome is stale.
        var settled = await store.PackageDistributions
            .Where(d => d.PackageId == candidate.PackageId && d.DistributionPointId == candidate.DistributionPointId &&
                        d.Version == candidate.Version && d.Status == DistributionStatus.InProgress && d.UpdatedAt == now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status).SetProperty(d => d.Message, failure).SetProperty(d => d.LeaseUntil, notBefore)
                .SetProperty(d => d.UpdatedAt, done).SetProperty(d => d.Attempts, status == DistributionStatus.Success ? 0 : attempts), CancellationToken.None);
        if (status == DistributionStatus.Success && settled > 0)
        {
            // A bulk update passes the change tracker by: devices waiting for this content are told here.
            scope.ServiceProvider.GetRequiredService<Notifications.DeviceNotificationQueue>()
                .Enqueue(new Notifications.NotificationCause(Contracts.Agents.AgentNotificationReasons.ContentAvailable, candidate.PackageId));
        }

        if (status == DistributionStatus.Success)
        {
            LogDistributed(logger, candidate.PackageId, candidate.Version, candidate.DistributionPointId);
        }

        return true;
    }

    /// <summary>
    /// Keeps this node's claim alive while it copies, at a third of the lease, so a lease can be short (another node takes
    /// over a crashed node's distribution within <see cref="ContentOptions.DistributionLeaseSeconds"/>) and a long copy is
    /// still never taken over while its node lives. False when the claim was lost: the copy is cancelled then.
    /// </summary>
    private async Task<bool> RenewLeaseAsync(PackageDistributionEntity claim, DateTimeOffset claimedAt, CancellationTokenSource copying)
    {
        var lease = TimeSpan.FromSeconds(options.Value.DistributionLeaseSeconds);
        while (!copying.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(lease / 3, clock, copying.Token);
            }
            catch (OperationCanceledException)
            {
                return true; // the copy ended: WorkOneAsync settles the row under the same guard
            }

            int renewed;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                renewed = await scope.ServiceProvider.GetRequiredService<StoreContext>().PackageDistributions
                    .Where(d => d.PackageId == claim.PackageId && d.DistributionPointId == claim.DistributionPointId && d.Version == claim.Version &&
                                d.Status == DistributionStatus.InProgress && d.UpdatedAt == claimedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, clock.GetUtcNow() + lease), CancellationToken.None);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                // The store is away for a moment: the lease still has two thirds to run, try at the next beat.
                LogStoreUnavailable(logger, e);
                continue;
            }

            if (renewed == 0)
            {
                await copying.CancelAsync();
                return false;
            }
        }

        return true;
    }

    private async Task CopyAsync(StoreContext store, string packageId, int version, string distributionPointId, CancellationToken cancellationToken)
    {
        var point = await store.DistributionPoints.AsNoTracking().FirstOrDefaultAsync(d => d.Id == distributionPointId, cancellationToken)
            ?? throw new DistributionPointException($"distribution point '{distributionPointId}' no longer exists");
        var files = await PackageService.FilesAsync(store, packageId, version, cancellationToken);
        if (point.IsSiteServer)
        {
            // The site server serves its own library: holding the version means every file is there.
            var missing = files.FirstOrDefault(f => !library.Has(f.Hash));
            if (missing is not null)
            {
                throw new DistributionPointException($"file '{missing.Path}' ({missing.Hash}) is missing from the content library; update the package's content");
            }

            return;
        }

        var accessKey = protection.CreateProtector(AccessKeyPurpose).Unprotect(point.ProtectedAccessKey ?? "");
        var client = new DistributionPointClient(httpClients.CreateClient(DistributionPointClient.HttpClientName), library);
        metrics.Distributed(await client.CopyAsync(new Uri(point.Url!), accessKey, new PackageManifest { PackageId = packageId, Version = version, Files = files }, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Distributed package {PackageId} version {Version} to {DistributionPointId}")]
    private static partial void LogDistributed(ILogger logger, string packageId, int version, string distributionPointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Distributing package {PackageId} version {Version} to {DistributionPointId} failed: {Reason}")]
    private static partial void LogDistributionFailed(ILogger logger, string packageId, int version, string distributionPointId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped distributing package {PackageId} version {Version} to {DistributionPointId}: the distribution was queued again or another node took it over")]
    private static partial void LogLeaseLost(ILogger logger, string packageId, int version, string distributionPointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The distribution queue could not be read or written; trying again")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
