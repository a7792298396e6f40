using Microsoft.EntityFrameworkCore;
using Quartz;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Notifications;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Openings;

/// <summary>
/// Tells the devices an opening concerns to check in now: a deployment's collection when it became available or
/// due; a maintenance window's collection's members that a pending required deployment waits for, when the window
/// opens. Without it they would hear of it at their next interval check-in, up to an interval late.
/// </summary>
public sealed partial class OpeningJob(StoreContext store, IDeviceNotificationHub hub, ILogger<OpeningJob> logger) : IJob
{
    public const string KindKey = "kind";
    public const string IdKey = "id";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = context.MergedJobDataMap.GetString(KindKey);
        var id = context.MergedJobDataMap.GetString(IdKey);
        if (id is null)
        {
            return;
        }

        var devices = kind == Opening.Window ? await WaitingForWindowAsync(id, cancellationToken) : await OfDeploymentAsync(id, cancellationToken);
        if (devices.Count > 0)
        {
            hub.Notify(devices, AgentNotificationReasons.DeploymentOpened);
            LogNotified(logger, kind ?? "", id, devices.Count);
        }
    }

    private IQueryable<DeploymentEntity> Deployments => store.Deployments.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(d => d.Enabled);

    // A deployment changed or deleted since its opening was planned reaches whom it reaches now, or no one.
    private async Task<HashSet<string>> OfDeploymentAsync(string deploymentId, CancellationToken cancellationToken) =>
        await Deployments.FirstOrDefaultAsync(d => d.Id == deploymentId, cancellationToken) is { } deployment
            ? await MembersAsync([deployment.CollectionId], cancellationToken)
            : [];

    /// <summary>The window's devices that are also in the collection of an enabled required deployment the windows gate.</summary>
    private async Task<HashSet<string>> WaitingForWindowAsync(string windowId, CancellationToken cancellationToken)
    {
        if (await store.MaintenanceWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == windowId, cancellationToken) is not { } window)
        {
            return [];
        }

        var required = await Deployments.Where(d => d.Purpose == DeploymentPurpose.Required && !d.AllowOutsideMaintenanceWindow)
            .Select(d => d.CollectionId).Distinct().ToListAsync(cancellationToken);
        if (required.Count == 0)
        {
            return [];
        }

        var inWindow = await MembersAsync([window.CollectionId], cancellationToken);
        inWindow.IntersectWith(await MembersAsync(required, cancellationToken));
        return inWindow;
    }

    private async Task<HashSet<string>> MembersAsync(List<string> collectionIds, CancellationToken cancellationToken)
    {
        var devices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var collection in await store.Collections.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(c => collectionIds.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            devices.UnionWith((await CollectionMembership.MembersAsync(store, collection, cancellationToken)).Select(d => d.Id));
        }

        return devices;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Told {DeviceCount} devices to check in now: {Kind} {Id} opened")]
    private static partial void LogNotified(ILogger logger, string kind, string id, int deviceCount);
}
