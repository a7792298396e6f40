using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// Content validation, as Configuration Manager schedules it on DPs: every DP that reports a package
/// version re-hashes its files; a DP with a corrupt or missing file is marked Failed (naming the file),
/// its bad copy quarantined, so that distributing again repairs it.
/// </summary>
public sealed class ContentValidator(StoreContext store, ContentLibrary library, IHttpClientFactory httpClients, IDataProtectionProvider protection,
    AuditLog audit, TimeProvider clock)
{
    public async Task ValidateAsync(PackageEntity package, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var files = await PackageService.FilesAsync(store, package.Id, package.Version, cancellationToken);
        var rows = await store.PackageDistributions.Where(d => d.PackageId == package.Id && d.Version == package.Version && d.Status == DistributionStatus.Success)
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var point = await store.DistributionPoints.AsNoTracking().FirstAsync(d => d.Id == row.DistributionPointId, cancellationToken);
            string? failure;
            try
            {
                var bad = point.IsSiteServer
                    ? await library.ValidateAsync(files, cancellationToken)
                    : await new DistributionPointClient(httpClients.CreateClient(DistributionPointClient.HttpClientName), library)
                        .ValidateAsync(new Uri(point.Url!), protection.CreateProtector(DistributionWorker.AccessKeyPurpose).Unprotect(point.ProtectedAccessKey ?? ""),
                            package.Id, package.Version, cancellationToken);
                failure = bad.Count == 0 ? null
                    : $"content validation: {string.Join(", ", bad.Take(5).Select(f => $"'{f.Path}' ({f.Hash})"))} corrupt or missing; distribute again to repair";
            }
            catch (Exception e) when (e is DistributionPointException or HttpRequestException)
            {
                failure = $"content validation could not reach the distribution point: {e.Message}";
            }

            if (failure is not null)
            {
                row.Status = DistributionStatus.Failed;
                row.Message = failure;
                row.UpdatedAt = clock.GetUtcNow();
            }
        }

        audit.Record(caller, "validate-content", "Package", package.Id, package.ConcurrencyVersion, package.ConcurrencyVersion,
            $"{rows.Count(r => r.Status == DistributionStatus.Failed)} of {rows.Count} distribution point(s) failed");
        await store.SaveChangesAsync(cancellationToken);
    }
}
