using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary><c>/agent/v1/content</c>: where an agent finds a package's content.</summary>
public static class ContentAgentApi
{
    public static IEndpointRouteBuilder MapContentAgentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/agent/v1").WithTags("Agent").RequireAuthorization(AgentApi.Policy);

        group.MapGet("/content/{packageId}", async (string packageId, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            var package = await store.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == packageId, cancellationToken)
                ?? throw Problem.NotFound("Package", packageId);
            var holding = await store.PackageDistributions.AsNoTracking()
                .Where(d => d.PackageId == package.Id && d.Version == package.Version && d.Status == DistributionStatus.Success)
                .Select(d => d.DistributionPointId).ToListAsync(cancellationToken);
            var points = await store.DistributionPoints.AsNoTracking().Where(d => holding.Contains(d.Id)).ToListAsync(cancellationToken);
            var preferred = await PreferredAsync(store, http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);

            // The site server is reachable at the address the agent used to ask.
            var here = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";
            return new ContentLocation
            {
                PackageId = package.Id, Name = package.Name, Type = package.Type, Version = package.Version,
                Files = await PackageService.FilesAsync(store, package.Id, package.Version, cancellationToken),
                Programs = PackageService.ReadPrograms(package.Programs),
                DistributionPoints = [.. points.OrderBy(p => preferred.Contains(p.Id) ? 0 : 1).ThenBy(p => p.IsSiteServer ? 1 : 0).ThenBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => new ContentSource { DistributionPointId = p.Id, Url = p.IsSiteServer ? here : p.Url! })],
            };
        });

        // Distribution points ask here whether a device key is one of ours before serving files with it.
        group.MapGet("/content-access", () => Results.NoContent());
        return app;
    }

    /// <summary>The DPs in groups associated with the device's collections.</summary>
    private static async Task<HashSet<string>> PreferredAsync(StoreContext store, string deviceId, CancellationToken cancellationToken)
    {
        var device = await store.Devices.AsNoTracking().FirstAsync(d => d.Id == deviceId, cancellationToken);
        var collections = (await CollectionMembership.OfDeviceAsync(store, device, cancellationToken)).Select(c => c.Id).ToList();
        var groups = await store.CollectionDistributionPointGroups.AsNoTracking().Where(a => collections.Contains(a.CollectionId)).Select(a => a.GroupId).ToListAsync(cancellationToken);
        return [.. await store.DistributionPointGroupMembers.AsNoTracking().Where(m => groups.Contains(m.GroupId)).Select(m => m.DistributionPointId).ToListAsync(cancellationToken)];
    }
}
