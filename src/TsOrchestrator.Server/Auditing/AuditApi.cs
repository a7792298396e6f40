using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Auditing;

/// <summary>
/// <c>GET /api/v1/audit</c>: the newest admin changes first, those a scoped caller may read (<see cref="VisibleAuditEntries"/>),
/// filtered by object, actor and time; <c>before</c> (an entry's id) pages back through older entries.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (StoreContext store, string? objectType, string? objectId, string? actor, DateTimeOffset? from, DateTimeOffset? to,
            long? before, int? take, CancellationToken cancellationToken) =>
        {
            if (from is not null && to is not null && from > to)
            {
                throw Problem.BadRequest("to", "the end of the time range is before its start");
            }

            var query = VisibleAuditEntries.Of(store);
            if (objectType is not null)
            {
                query = query.Where(a => a.ObjectType == objectType);
            }

            if (objectId is not null)
            {
                query = query.Where(a => a.ObjectId == objectId);
            }

            if (actor is not null)
            {
                query = query.Where(a => a.Actor == actor);
            }

            if (from is { } start)
            {
                query = query.Where(a => a.At >= start);
            }

            if (to is { } end)
            {
                query = query.Where(a => a.At < end);
            }

            if (before is { } older)
            {
                query = query.Where(a => a.Id < older);
            }

            var rows = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(cancellationToken);
            return rows.Select(a => new AuditEntry
            {
                Id = a.Id, At = a.At, Actor = a.Actor, Action = a.Action, ObjectType = a.ObjectType, ObjectId = a.ObjectId,
                BeforeVersion = a.BeforeVersion, AfterVersion = a.AfterVersion, Detail = a.Detail,
            }).ToList();
        }).RequireAuthorization(AdminPolicies.Administer).WithTags("Audit");
        return app;
    }
}
