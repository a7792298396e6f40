using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary><c>/api/v1/distribution-points</c> and <c>/api/v1/distribution-point-groups</c>.</summary>
public static class DistributionPointsApi
{
    public static IEndpointRouteBuilder MapDistributionPointsApi(this IEndpointRouteBuilder app)
    {
        var points = app.MapGroup("/api/v1/distribution-points").WithTags("Distribution points").RequireAuthorization(AdminPolicies.Read);

        points.MapGet("/", async (StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            var members = await store.DistributionPointGroupMembers.AsNoTracking().ToListAsync(cancellationToken);
            return (await store.DistributionPoints.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken))
                .Select(d => Info(d, members)).ToList();
        });

        points.MapPost("/", async (CreateDistributionPointRequest request, StoreContext store, AuditLog audit, IDataProtectionProvider protection,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            var name = Name(request.Name);
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw Problem.BadRequest("url", "give the distribution point's base URL, e.g. https://dp1.example:5443");
            }

            if (request.AccessKey is not { Length: >= 16 })
            {
                throw Problem.BadRequest("accessKey", "give the DP's DistributionPoint:AccessKey (at least 16 characters)");
            }

            if (await store.DistributionPoints.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(d => d.Name == name, cancellationToken))
            {
                throw Problem.Conflict($"a distribution point named '{name}' exists", "name");
            }

            var point = new DistributionPointEntity
            {
                Id = "DP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
                Name = name,
                Url = url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/",
                ProtectedAccessKey = protection.CreateProtector(DistributionWorker.AccessKeyPurpose).Protect(request.AccessKey),
                Scopes = SecurityScopes.ForNewObject(Caller.From(http.User)),
            };
            store.DistributionPoints.Add(point);
            audit.Record(Caller.From(http.User), "create", "DistributionPoint", point.Id, null, point.ConcurrencyVersion, point.Url);
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/distribution-points/{point.Id}", Info(point, []));
        }).RequireAuthorization(AdminPolicies.Administer);

        points.MapDelete("/{id}", async (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var point = await store.DistributionPoints.FoundAsync(id, "DistributionPoint", cancellationToken);
            if (point.IsSiteServer)
            {
                throw Problem.Conflict("the site server is always a distribution point", "id");
            }

            store.DistributionPoints.Remove(point);
            await store.DistributionPointGroupMembers.Where(m => m.DistributionPointId == id).ExecuteDeleteAsync(cancellationToken);
            await store.PackageDistributions.Where(d => d.DistributionPointId == id).ExecuteDeleteAsync(cancellationToken);
            audit.Record(Caller.From(http.User), "delete", "DistributionPoint", id, point.ConcurrencyVersion, null);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Administer);

        var groups = app.MapGroup("/api/v1/distribution-point-groups").WithTags("Distribution points").RequireAuthorization(AdminPolicies.Read);

        groups.MapGet("/", async (StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            var all = await store.DistributionPointGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
            var result = new List<DistributionPointGroupInfo>();
            foreach (var group in all)
            {
                result.Add(await GroupInfoAsync(store, group, cancellationToken));
            }

            return result;
        });

        groups.MapPost("/", async (CreateDistributionPointGroupRequest request, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var name = Name(request.Name);
            // Names are unique site-wide, as they were before scopes: the check looks past the caller's scopes.
            if (await store.DistributionPointGroups.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(g => g.Name == name, cancellationToken))
            {
                throw Problem.Conflict($"a distribution point group named '{name}' exists", "name");
            }

            var members = (request.DistributionPointIds ?? []).Distinct(StringComparer.Ordinal).ToList();
            foreach (var id in members)
            {
                _ = await store.DistributionPoints.AsNoTracking().ReferencedAsync(id, "distributionPointIds", "distribution point", cancellationToken);
            }

            var group = new DistributionPointGroupEntity
            {
                Id = "DPG" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = name, Scopes = SecurityScopes.ForNewObject(Caller.From(http.User)),
            };
            store.DistributionPointGroups.Add(group);
            store.DistributionPointGroupMembers.AddRange(members.Select(m => new DistributionPointGroupMemberEntity { GroupId = group.Id, DistributionPointId = m }));
            audit.Record(Caller.From(http.User), "create", "DistributionPointGroup", group.Id, null, group.ConcurrencyVersion, string.Join(",", members));
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/distribution-point-groups/{group.Id}", await GroupInfoAsync(store, group, cancellationToken));
        }).RequireAuthorization(AdminPolicies.Administer);

        groups.MapPut("/{id}/members/{distributionPointId}", async (string id, string distributionPointId, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var group = await store.DistributionPointGroups.AsNoTracking().FoundAsync(id, "DistributionPointGroup", cancellationToken);
            _ = await store.DistributionPoints.AsNoTracking().FoundAsync(distributionPointId, "DistributionPoint", cancellationToken);
            if (!await store.DistributionPointGroupMembers.AnyAsync(m => m.GroupId == id && m.DistributionPointId == distributionPointId, cancellationToken))
            {
                store.DistributionPointGroupMembers.Add(new DistributionPointGroupMemberEntity { GroupId = id, DistributionPointId = distributionPointId });
                audit.Record(Caller.From(http.User), "add-member", "DistributionPointGroup", id, null, null, distributionPointId);
                await store.SaveChangesAsync(cancellationToken);
            }

            return await GroupInfoAsync(store, group, cancellationToken);
        }).RequireAuthorization(AdminPolicies.Administer);

        groups.MapDelete("/{id}/members/{distributionPointId}", async (string id, string distributionPointId, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var group = await store.DistributionPointGroups.AsNoTracking().FoundAsync(id, "DistributionPointGroup", cancellationToken);
            _ = await store.DistributionPoints.AsNoTracking().FoundAsync(distributionPointId, "DistributionPoint", cancellationToken);
            if (await store.DistributionPointGroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.DistributionPointId == distributionPointId, cancellationToken) is { } member)
            {
                store.DistributionPointGroupMembers.Remove(member);
                audit.Record(Caller.From(http.User), "remove-member", "DistributionPointGroup", id, null, null, distributionPointId);
                await store.SaveChangesAsync(cancellationToken);
            }

            return await GroupInfoAsync(store, group, cancellationToken);
        }).RequireAuthorization(AdminPolicies.Administer);

        // Content already on the group's DPs stays there: removing a group only forgets the grouping, as in Configuration Manager.
        groups.MapDelete("/{id}", async (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var group = await store.DistributionPointGroups.FoundAsync(id, "DistributionPointGroup", cancellationToken);
            store.DistributionPointGroups.Remove(group);
            await store.DistributionPointGroupMembers.Where(m => m.GroupId == id).ExecuteDeleteAsync(cancellationToken);
            await store.CollectionDistributionPointGroups.Where(a => a.GroupId == id).ExecuteDeleteAsync(cancellationToken);
            audit.Record(Caller.From(http.User), "delete", "DistributionPointGroup", id, group.ConcurrencyVersion, null);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Administer);

        // Configuration Manager associates DP groups with collections: the collection's devices prefer those DPs,
        // and Distribute Content can name the collection instead of the DPs.
        groups.MapPut("/{id}/collections/{collectionId}", async (string id, string collectionId, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var group = await store.DistributionPointGroups.AsNoTracking().FoundAsync(id, "DistributionPointGroup", cancellationToken);
            _ = await store.Collections.AsNoTracking().FoundAsync(collectionId, "Collection", cancellationToken);
            if (!await store.CollectionDistributionPointGroups.AnyAsync(a => a.GroupId == id && a.CollectionId == collectionId, cancellationToken))
            {
                store.CollectionDistributionPointGroups.Add(new CollectionDistributionPointGroupEntity { GroupId = id, CollectionId = collectionId });
                audit.Record(Caller.From(http.User), "associate-collection", "DistributionPointGroup", id, null, null, collectionId);
                await store.SaveChangesAsync(cancellationToken);
            }

            return await GroupInfoAsync(store, group, cancellationToken);
        }).RequireAuthorization(AdminPolicies.Administer);

        groups.MapDelete("/{id}/collections/{collectionId}", async (string id, string collectionId, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var group = await store.DistributionPointGroups.AsNoTracking().FoundAsync(id, "DistributionPointGroup", cancellationToken);
            _ = await store.Collections.AsNoTracking().FoundAsync(collectionId, "Collection", cancellationToken);
            if (await store.CollectionDistributionPointGroups.FirstOrDefaultAsync(a => a.GroupId == id && a.CollectionId == collectionId, cancellationToken) is { } association)
            {
                store.CollectionDistributionPointGroups.Remove(association);
                audit.Record(Caller.From(http.User), "dissociate-collection", "DistributionPointGroup", id, null, null, collectionId);
                await store.SaveChangesAsync(cancellationToken);
            }

            return await GroupInfoAsync(store, group, cancellationToken);
        }).RequireAuthorization(AdminPolicies.Administer);

        return app;
    }

    private static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is > 0 and <= 100 ? trimmed : throw Problem.BadRequest("name", "a name has 1 to 100 characters");
    }

    private static async Task<DistributionPointGroupInfo> GroupInfoAsync(StoreContext store, DistributionPointGroupEntity group, CancellationToken cancellationToken) => new()
    {
        Id = group.Id,
        Name = group.Name,
        DistributionPointIds = await store.DistributionPointGroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id).Select(m => m.DistributionPointId).OrderBy(x => x).ToListAsync(cancellationToken),
        CollectionIds = await store.CollectionDistributionPointGroups.AsNoTracking().Where(a => a.GroupId == group.Id).Select(a => a.CollectionId).OrderBy(x => x).ToListAsync(cancellationToken),
    };

    private static DistributionPointInfo Info(DistributionPointEntity d, IReadOnlyList<DistributionPointGroupMemberEntity> members) => new()
    {
        Id = d.Id, Name = d.Name, Url = d.Url, IsSiteServer = d.IsSiteServer,
        GroupIds = [.. members.Where(m => m.DistributionPointId == d.Id).Select(m => m.GroupId).Order(StringComparer.Ordinal)],
    };
}
