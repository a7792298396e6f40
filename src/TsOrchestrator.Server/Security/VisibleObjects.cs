using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Security;

/// <summary>
/// The one check of an object a request names by id. Whether the caller may see it is the store's scope filter's
/// answer; an object outside the caller's scopes is answered exactly as one that does not exist.
/// </summary>
public static class VisibleObjects
{
    /// <summary>The object a route names; a 404 when it does not exist or is outside the caller's scopes.</summary>
    public static async Task<TEntity> FoundAsync<TEntity>(this IQueryable<TEntity> objects, string id, string objectType, CancellationToken cancellationToken)
        where TEntity : class, IScopedEntity =>
        await objects.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw Problem.NotFound(objectType, id);

    /// <summary>The object a request's body refers to by id; a 400 naming the field when it does not exist or is outside the caller's scopes.</summary>
    public static async Task<TEntity> ReferencedAsync<TEntity>(this IQueryable<TEntity> objects, string? id, string field, string objectName,
        CancellationToken cancellationToken)
        where TEntity : class, IScopedEntity =>
        id is not null && await objects.FirstOrDefaultAsync(o => o.Id == id, cancellationToken) is { } found
            ? found
            : throw Problem.BadRequest(field, $"{objectName} '{id}' does not exist or is outside your security scopes");
}
