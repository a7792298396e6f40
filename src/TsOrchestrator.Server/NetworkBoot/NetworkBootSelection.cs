using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.NetworkBoot;

/// <summary>
/// Which boot image a machine booting from the network gets: the one of the deployment made available to media and
/// PXE that reaches it (a run in progress first, so a restart into the boot image continues it), or none.
/// A machine no device record names is an unknown computer and reaches only collections that select unknown computers.
/// </summary>
public sealed class NetworkBootSelection(StoreContext store, SequenceVersionCache versions, IOptions<AgentOptions> options, TimeProvider clock)
{

    /// <summary>The boot image package and the deployment it was chosen for; null when nothing is available to this machine.</summary>
    public async Task<(PackageEntity BootImage, string DeploymentId)?> SelectAsync(string? mac, string? uuid, CancellationToken cancellationToken)
    {
        var device = await KnownDeviceAsync(mac, uuid, cancellationToken);
        if (device?.Status == DeviceStatus.Blocked)
        {
            // A blocked device stays blocked when it boots from the network: it is not an unknown computer either.
            return null;
        }

        if (device is null)
        {
            if (!options.Value.UnknownComputerSupport)
            {
                return null;
            }

            // Evaluated as the device it would become: no facts yet, so only a rule selecting unknown computers matches.
            device = new DeviceEntity { Id = "", Name = "", KeyHash = "", UnknownComputer = true };
        }

        // Whatever it last reported, the machine is booting the boot image now.
        device.InBootMedia = true;
        var collections = (await CollectionMembership.OfDeviceAsync(store, device, cancellationToken)).Select(c => c.Id).ToList();
        var deployments = await store.Deployments.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking()
            .Where(d => collections.Contains(d.CollectionId) && d.AvailableTo != DeploymentAvailability.Clients)
            .OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var runs = device.Id.Length == 0 ? [] : await store.Runs.AsNoTracking().Where(r => r.DeviceId == device.Id && r.DeploymentId != null)
            .Select(r => new { r.DeploymentId, r.Status, r.CreatedAt }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var active = runs.FirstOrDefault(r => RunStatuses.Open.Contains(r.Status))?.DeploymentId;

        // A run in progress first; then a Required deployment due to start; then one the user may start from the wizard.
        foreach (var deployment in deployments.OrderBy(d => d.Id == active ? 0 : d.Purpose == DeploymentPurpose.Required ? 1 : 2))
        {
            var entity = await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(s => s.Id == deployment.SequenceId, cancellationToken);
            if (entity is null)
            {
                continue;
            }

            var sequence = await versions.LatestAsync(store, entity, cancellationToken);
            var previous = runs.Where(r => r.DeploymentId == deployment.Id).Select(r => (r.Status, r.CreatedAt)).ToList();
            var wanted = deployment.Id == active ||
                         (deployment.Purpose == DeploymentPurpose.Required ? DeploymentApplicability.ShouldStart(deployment, previous, now) : previous.Count == 0);
            if (!wanted || !DeploymentApplicability.IsOffered(deployment, sequence, device, now) || sequence.Advanced.BootImageId is not { Length: > 0 } bootImageId)
            {
                continue;
            }

            var image = await store.Packages.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking()
                .FirstOrDefaultAsync(p => p.Id == bootImageId && p.Type == PackageType.BootImage, cancellationToken);
            if (image is not null)
            {
                return (image, deployment.Id);
            }
        }

        return null;
    }

    /// <summary>The device record with this SMBIOS UUID, else one that reported this MAC address (the latest to check in).</summary>
    private async Task<DeviceEntity?> KnownDeviceAsync(string? mac, string? uuid, CancellationToken cancellationToken)
    {
        var devices = store.Devices.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking();
        if (uuid is not null && await devices.Where(d => d.SmbiosUuid == uuid).OrderByDescending(d => d.LastCheckIn).FirstOrDefaultAsync(cancellationToken) is { } byUuid)
        {
            return byUuid;
        }

        if (mac is null)
        {
            return null;
        }

        // The column holds a comma-separated list: the LIKE narrows, the exact match on the split list decides.
        var candidates = await devices.Where(d => d.MacAddresses != null && d.MacAddresses.Contains(mac)).ToListAsync(cancellationToken);
        return candidates.Where(d => d.MacAddresses!.Split(',').Contains(mac, StringComparer.Ordinal)).MaxBy(d => d.LastCheckIn);
    }
}
