using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Collections;

/// <summary>
/// Which collections hold a device: its direct memberships plus every rule it matches. Membership is what deployments
/// reach, whoever asks: these queries look past the security scope filter (a scoped caller's high-risk check or phase
/// rollout counts every device its deployment will reach).
/// </summary>
public static class CollectionMembership
{
    // One read for both kinds of membership: every device's check-in asks this.
    private static readonly CompiledStoreListQuery<string, CandidateCollection> Candidates = new((store, deviceId) =>
        store.Collections.IgnoreQueryFilters(new[] { StoreContext.ScopeFilter }).AsNoTracking()
            .Where(c => c.MembershipRule != null || store.CollectionMembers.Any(m => m.CollectionId == c.Id && m.DeviceId == deviceId))
            .Select(c => new CandidateCollection(c, store.CollectionMembers.Any(m => m.CollectionId == c.Id && m.DeviceId == deviceId))));

    public static async Task<List<CollectionEntity>> OfDeviceAsync(StoreContext store, DeviceEntity device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(device);
        var candidates = await Candidates.ToListAsync(store, device.Id, cancellationToken);
        return [.. candidates.Where(c => c.Direct || Matches(ReadRule(c.Collection.MembershipRule), device)).Select(c => c.Collection)];
    }

    /// <summary>The devices in a collection now: its direct members and, when it has a rule, every device the rule matches.</summary>
    public static async Task<List<DeviceEntity>> MembersAsync(StoreContext store, CollectionEntity collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(collection);
        var direct = await store.CollectionMembers.AsNoTracking().Where(m => m.CollectionId == collection.Id).Select(m => m.DeviceId).ToListAsync(cancellationToken);
        var rule = ReadRule(collection.MembershipRule);
        var candidates = rule is null
            ? await store.Devices.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(d => direct.Contains(d.Id)).ToListAsync(cancellationToken)
            : await store.Devices.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().ToListAsync(cancellationToken);
        return [.. candidates.Where(d => direct.Contains(d.Id) || Matches(rule, d)).OrderBy(d => d.Id, StringComparer.Ordinal)];
    }

    public static MembershipRule? ReadRule(string? json) => json is null ? null : JsonSerializer.Deserialize<MembershipRule>(json, JsonSerializerOptions.Web);

    public static bool Matches(MembershipRule? rule, DeviceEntity device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return rule is not null &&
               (rule.Os is null || string.Equals(rule.Os, device.Os, StringComparison.OrdinalIgnoreCase)) &&
               (rule.Architecture is null || string.Equals(rule.Architecture, device.Architecture, StringComparison.OrdinalIgnoreCase)) &&
               (rule.OsVersionPrefix is null || device.OsVersion.StartsWith(rule.OsVersionPrefix, StringComparison.OrdinalIgnoreCase)) &&
               (rule.NamePattern is null || ValueComparison.Like(device.Name, rule.NamePattern)) &&
               (rule.UnknownComputers is not { } unknown || unknown == device.UnknownComputer);
    }
}

/// <summary>A collection that may hold the device: a direct member of it, or a collection whose rule is yet to be matched.</summary>
internal sealed record CandidateCollection(CollectionEntity Collection, bool Direct);
