using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary>The site server is a distribution point from its first start: its content library is what it serves.</summary>
public static class SiteServerDistributionPoint
{
    public const string Id = "DP-SITE";

    public static async Task EnsureAsync(StoreContext store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!await store.DistributionPoints.AnyAsync(d => d.Id == Id, cancellationToken))
        {
            store.DistributionPoints.Add(new DistributionPointEntity { Id = Id, Name = "Site server", IsSiteServer = true });
            await store.SaveChangesAsync(cancellationToken);
        }
    }
}
