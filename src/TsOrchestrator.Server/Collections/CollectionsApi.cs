using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.MaintenanceWindows;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Collections;

/// <summary><c>/api/v1/collections</c>: collections, direct members, membership rules and collection variables.</summary>
public static class CollectionsApi
{
    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections").WithTags("Collections").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", async (StoreContext store, CancellationToken cancellationToken) =>
        {
            var collections = await store.Collections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
            var members = await store.CollectionMembers.AsNoTracking().ToListAsync(cancellationToken);
            return collections.Select(c => Info(c, members.Where(m => m.CollectionId == c.Id).Select(m => m.DeviceId))).ToList();
        });

        group.MapGet("/{id}", async (string id, StoreContext store, CancellationToken cancellationToken) =>
        {
            var collection = await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);
            return Info(collection, await store.CollectionMembers.AsNoTracking().Where(m => m.CollectionId == id).Select(m => m.DeviceId).ToListAsync(cancellationToken));
        });

        group.MapPost("/", async (CreateCollectionRequest request, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var name = request.Name?.Trim() ?? "";
            if (name.Length is 0 or > 100)
            {
                throw Problem.BadRequest("name", "a collection name has 1 to 100 characters");
            }

            // Names are unique site-wide, as they were before scopes: the check looks past the caller's scopes.
            if (await store.Collections.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(c => c.Name == name, cancellationToken))
            {
                throw Problem.Conflict($"a collection named '{name}' exists", "name");
            }

            var collection = new CollectionEntity
            {
                Id = "COL" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
                Name = name,
                Description = request.Description,
                MembershipRule = request.Rule is null ? null : JsonSerializer.Serialize(request.Rule, JsonSerializerOptions.Web),
                VariablePriority = request.VariablePriority ?? 100,
                Scopes = SecurityScopes.ForNewObject(Caller.From(http.User)),
            };
            store.Collections.Add(collection);
            audit.Record(Caller.From(http.User), "create", "Collection", collection.Id, null, collection.ConcurrencyVersion);
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/collections/{collection.Id}", Info(collection, []));
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPut("/{id}/members/{deviceId}", async (string id, string deviceId, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            _ = await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);

            // A device outside the caller's scopes would get the collection's deployments: it is not found.
            _ = await store.Devices.AsNoTracking().FoundAsync(deviceId, "Device", cancellationToken);
            if (!await store.CollectionMembers.AnyAsync(m => m.CollectionId == id && m.DeviceId == deviceId, cancellationToken))
            {
                store.CollectionMembers.Add(new CollectionMemberEntity { CollectionId = id, DeviceId = deviceId });
                audit.Record(Caller.From(http.User), "add-member", "Collection", id, null, null, deviceId);
                await store.SaveChangesAsync(cancellationToken);
            }

            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{id}/members/{deviceId}", async (string id, string deviceId, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            _ = await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);
            var member = await store.CollectionMembers.FirstOrDefaultAsync(m => m.CollectionId == id && m.DeviceId == deviceId, cancellationToken)
                ?? throw Problem.NotFound("Member", $"{id}/{deviceId}");
            store.CollectionMembers.Remove(member);
            audit.Record(Caller.From(http.User), "remove-member", "Collection", id, null, null, deviceId);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPut("/{id}/scopes", async (string id, Contracts.TaskSequences.SetScopesRequest request, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var scopes = SecurityScopes.Parse(request.Scopes);
            var collection = await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);
            store.Collections.Attach(collection);
            var before = collection.ConcurrencyVersion;
            collection.Scopes = scopes;
            collection.ConcurrencyVersion++;
            audit.Record(Caller.From(http.User), "set-scopes", "Collection", id, before, collection.ConcurrencyVersion, scopes);
            await store.SaveChangesAsync(cancellationToken);
            return Info(collection, await store.CollectionMembers.AsNoTracking().Where(m => m.CollectionId == id).Select(m => m.DeviceId).ToListAsync(cancellationToken));
        }).RequireAuthorization(AdminPolicies.Administer);

        group.MapMaintenanceWindows();
        group.MapOwnerVariables(VariableOwners.Collection, "Collection", async (store, id, http, cancellationToken) =>
            await store.Collections.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken));

        return app;
    }

    private static CollectionInfo Info(CollectionEntity c, IEnumerable<string> members) => new()
    {
        Id = c.Id, Name = c.Name, Description = c.Description, Rule = CollectionMembership.ReadRule(c.MembershipRule),
        VariablePriority = c.VariablePriority, DirectMembers = [.. members.Order(StringComparer.Ordinal)], Scopes = SecurityScopes.List(c.Scopes),
    };
}
