using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Collections;

/// <summary><c>GET …/{id}/variables</c>, <c>PUT</c> and <c>DELETE …/{id}/variables/{name}</c>, the same for collections and devices.</summary>
internal static class VariablesEndpoints
{
    public static RouteGroupBuilder MapOwnerVariables(this RouteGroupBuilder group, string ownerKind, string objectType,
        Func<StoreContext, string, HttpContext, CancellationToken, Task<bool>> exists)
    {
        group.MapGet("/{id}/variables", async (string id, VariableStore variables, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            await RequireAsync(exists, store, http, objectType, id, cancellationToken);
            return await variables.ListAsync(ownerKind, id, cancellationToken);
        });

        group.MapPut("/{id}/variables/{name}", async (string id, string name, SetVariableRequest request, VariableStore variables,
            StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            await RequireAsync(exists, store, http, objectType, id, cancellationToken);
            var info = await variables.SetAsync(ownerKind, id, name, request, cancellationToken);
            audit.Record(Caller.From(http.User), "set-variable", objectType, id, null, null, name);
            await store.SaveChangesAsync(cancellationToken);
            return info;
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{id}/variables/{name}", async (string id, string name, VariableStore variables, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            await RequireAsync(exists, store, http, objectType, id, cancellationToken);
            if (!await variables.RemoveAsync(ownerKind, id, name, cancellationToken))
            {
                throw Problem.NotFound("Variable", name);
            }

            audit.Record(Caller.From(http.User), "remove-variable", objectType, id, null, null, name);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        return group;
    }

    private static async Task RequireAsync(Func<StoreContext, string, HttpContext, CancellationToken, Task<bool>> exists, StoreContext store,
        HttpContext http, string objectType, string id, CancellationToken cancellationToken)
    {
        if (!await exists(store, id, http, cancellationToken))
        {
            throw Problem.NotFound(objectType, id);
        }
    }
}
