using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// The site's high-risk verification of a deployment (TS-SEMANTICS §6): a Required deployment of a high-impact
/// sequence to a collection above the default size, or one that contains servers, needs the caller's explicit
/// confirmation; above the maximum size, or with servers when the site blocks them, it is refused. A device is a
/// server when its agent reports a server chassis (systemd's <c>server</c>: /etc/machine-info or the SMBIOS chassis
/// type) or a Windows server or domain controller product type, when its reported OS version names a server edition
/// ("Windows Server 2022 …"), or when its hostname is the host of a registered distribution point (a site system).
/// </summary>
public sealed class HighRiskVerification(StoreContext store, IOptions<HighRiskOptions> options)
{
    public const string ConfirmField = "confirmHighRisk";

    /// <summary>Refuses the deployment by problem, or returns what the caller confirmed (for the audit), or null when nothing needed it.</summary>
    public async Task<string?> VerifyAsync(TaskSequenceEntity sequence, CollectionEntity collection, DeploymentPurpose purpose, bool confirmed,
        string collectionField, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(collection);
        if (purpose != DeploymentPurpose.Required || !sequence.HighImpact)
        {
            return null;
        }

        var settings = options.Value;
        var members = await CollectionMembership.MembersAsync(store, collection, cancellationToken);
        var what = $"'{sequence.Name}' ({sequence.Id}) is a high-impact task sequence and collection '{collection.Name}' ({collection.Id})";
        if (settings.MaximumCollectionSize > 0 && members.Count > settings.MaximumCollectionSize)
        {
            throw Refused(collectionField, $"{what} has {members.Count} devices, more than the site's maximum of {settings.MaximumCollectionSize} for a required high-impact deployment");
        }

        // Every site system counts, in the caller's scopes or not.
        var siteSystems = (await store.DistributionPoints.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(d => d.Url != null).Select(d => d.Url!).ToListAsync(cancellationToken))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var servers = members.Where(d => IsServer(d, siteSystems)).Select(d => d.Id).ToList();
        var reasons = new List<string>();
        if (servers.Count > 0)
        {
            var serverText = $"it contains servers ({string.Join(", ", servers.Take(5))}{(servers.Count > 5 ? ", …" : "")})";
            if (settings.CollectionsWithServers == ServerCollectionPolicy.Block)
            {
                throw Refused(collectionField, $"{what}: {serverText}, and the site blocks required high-impact deployments to collections with servers");
            }

            reasons.Add(serverText);
        }

        if (settings.DefaultCollectionSize > 0 && members.Count > settings.DefaultCollectionSize)
        {
            reasons.Add($"it has {members.Count} devices, more than the site's default size of {settings.DefaultCollectionSize}");
        }

        if (reasons.Count == 0)
        {
            return null;
        }

        var reason = string.Join("; ", reasons);

        // The field's message is what a console shows beside its confirmation; the detail also says how to confirm by API.
        var warning = $"{what} needs confirmation: {reason}";
        return confirmed
            ? $"high-risk confirmed for {collection.Id}: {reason}"
            : throw new ApiProblemException(StatusCodes.Status409Conflict, "High-risk deployment needs confirmation",
                $"{warning}; send {ConfirmField}: true to deploy anyway", Problem.Field(ConfirmField, warning));
    }

    /// <summary>A server by its reported chassis or product type, a server edition by its reported OS version, or a site system by its hostname.</summary>
    public static bool IsServer(DeviceEntity device, IReadOnlySet<string> siteSystemHosts)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(siteSystemHosts);
        return device.Chassis == "server" || device.OsProductType is "server" or "domainController" ||
               device.OsVersion.Contains("server", StringComparison.OrdinalIgnoreCase) || siteSystemHosts.Contains(device.Name);
    }

    private static ApiProblemException Refused(string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "High-risk deployment refused", message, Problem.Field(field, message));
}
