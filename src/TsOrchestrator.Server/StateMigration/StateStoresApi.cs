using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>
/// <c>/api/v1/state-stores</c> and <c>/api/v1/computer-associations</c>: the state migration point's stores as an
/// administrator sees them (within their scopes), and the associations that let a new computer restore an old one's state.
/// </summary>
public static class StateStoresApi
{
    public static IEndpointRouteBuilder MapStateStoresApi(this IEndpointRouteBuilder app)
    {
        var stores = app.MapGroup("/api/v1/state-stores").WithTags("State migration").RequireAuthorization(AdminPolicies.Read);

        stores.MapGet("/", async (StoreContext store, StateStoreService service, CancellationToken cancellationToken) =>
            (await store.StateStores.AsNoTracking().OrderBy(s => s.SourceDeviceId).ThenBy(s => s.Id).ToListAsync(cancellationToken)).Select(service.Info).ToList());

        stores.MapGet("/{id}", async (string id, StoreContext store, StateStoreService service, CancellationToken cancellationToken) =>
            service.Info(await store.StateStores.AsNoTracking().FoundAsync(id, "State store", cancellationToken)));

        stores.MapDelete("/{id}", async (string id, StoreContext store, StateStoreVault vault, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var found = await store.StateStores.FoundAsync(id, "State store", cancellationToken);
            store.StateStores.Remove(found);
            audit.Record(Caller.From(http.User), "delete", "StateStore", id, null, null, $"source device {found.SourceDeviceId}, {found.Status}");
            await store.SaveChangesAsync(cancellationToken);
            vault.Delete(found.BlobFile);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        var associations = app.MapGroup("/api/v1/computer-associations").WithTags("State migration").RequireAuthorization(AdminPolicies.Read);

        associations.MapGet("/", async (StoreContext store, CancellationToken cancellationToken) =>
            (await store.ComputerAssociations.AsNoTracking().OrderBy(a => a.DestinationDeviceId).ThenBy(a => a.SourceDeviceId).ToListAsync(cancellationToken))
            .Select(Info).ToList());

        associations.MapPost("/", async (CreateComputerAssociationRequest request, StoreContext store, AuditLog audit, TimeProvider clock, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var source = await store.Devices.AsNoTracking().ReferencedAsync(request.SourceDeviceId, "sourceDeviceId", "Device", cancellationToken);
            var destination = await store.Devices.AsNoTracking().ReferencedAsync(request.DestinationDeviceId, "destinationDeviceId", "Device", cancellationToken);
            if (source.Id == destination.Id)
            {
                throw Problem.BadRequest("destinationDeviceId", "a device restores its own user state without an association: name two different devices");
            }

            if (await store.ComputerAssociations.IgnoreQueryFilters([StoreContext.ScopeFilter])
                    .AnyAsync(a => a.SourceDeviceId == source.Id && a.DestinationDeviceId == destination.Id, cancellationToken))
            {
                throw Problem.Conflict($"device '{source.Id}' is already associated with device '{destination.Id}'", "destinationDeviceId");
            }

            var created = new ComputerAssociationEntity
            {
                Id = "CA" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
                SourceDeviceId = source.Id, DestinationDeviceId = destination.Id, CreatedAt = clock.GetUtcNow(), Scopes = destination.Scopes,
            };
            store.ComputerAssociations.Add(created);
            audit.Record(Caller.From(http.User), "create", "ComputerAssociation", created.Id, null, null, $"{source.Id} -> {destination.Id}");
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/computer-associations/{created.Id}", Info(created));
        }).RequireAuthorization(AdminPolicies.Edit);

        associations.MapDelete("/{id}", async (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var found = await store.ComputerAssociations.FoundAsync(id, "Computer association", cancellationToken);
            store.ComputerAssociations.Remove(found);
            audit.Record(Caller.From(http.User), "delete", "ComputerAssociation", id, null, null);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);
        return app;
    }

    private static ComputerAssociationInfo Info(ComputerAssociationEntity a) => new()
    {
        Id = a.Id, SourceDeviceId = a.SourceDeviceId, DestinationDeviceId = a.DestinationDeviceId, CreatedAt = a.CreatedAt, Scopes = SecurityScopes.List(a.Scopes),
    };
}
