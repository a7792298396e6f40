using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.MaintenanceWindows;

/// <summary><c>/api/v1/collections/{id}/maintenance-windows</c>: list, add, remove.</summary>
internal static class MaintenanceWindowsEndpoints
{
    public const int MaxDurationMinutes = 24 * 60;

    public static RouteGroupBuilder MapMaintenanceWindows(this RouteGroupBuilder collections)
    {
        collections.MapGet("/{id}/maintenance-windows", async (string id, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);
            return (await store.MaintenanceWindows.AsNoTracking().Where(w => w.CollectionId == id).OrderBy(w => w.Name).ToListAsync(cancellationToken))
                .Select(Info).ToList();
        });

        collections.MapPost("/{id}/maintenance-windows", async (string id, CreateMaintenanceWindowRequest request, StoreContext store, AuditLog audit,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);
            var name = request.Name?.Trim() ?? "";
            if (name.Length is 0 or > 100)
            {
                throw Problem.BadRequest("name", "a maintenance window name has 1 to 100 characters");
            }

            var start = request.Start ?? throw Problem.BadRequest("start", "a maintenance window needs a start time");
            if (request.DurationMinutes is < 1 or > MaxDurationMinutes)
            {
                throw Problem.BadRequest("durationMinutes", $"a maintenance window lasts 1 to {MaxDurationMinutes} minutes");
            }

            var recurrence = Enum.TryParse<Recurrence>(request.Recurrence ?? nameof(Recurrence.None), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw Problem.BadRequest("recurrence", $"'{request.Recurrence}' is not one of {string.Join(", ", Enum.GetNames<Recurrence>())}");
            var interval = request.Interval ?? 1;
            if (interval is < 1 or > 365)
            {
                throw Problem.BadRequest("interval", "a window recurs every 1 to 365 days or weeks");
            }

            var window = new MaintenanceWindowEntity
            {
                Id = "MW" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
                CollectionId = id,
                Name = name,
                Start = start.ToUniversalTime(),
                DurationMinutes = request.DurationMinutes,
                Recurrence = recurrence,
                Interval = interval,
                TaskSequencesOnly = request.TaskSequencesOnly,
            };
            store.MaintenanceWindows.Add(window);
            audit.Record(Caller.From(http.User), "add-maintenance-window", "Collection", id, null, null, window.Id);
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/collections/{id}/maintenance-windows/{window.Id}", Info(window));
        }).RequireAuthorization(AdminPolicies.Edit);

        collections.MapDelete("/{id}/maintenance-windows/{windowId}", async (string id, string windowId, StoreContext store, AuditLog audit,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            await store.Collections.AsNoTracking().FoundAsync(id, "Collection", cancellationToken);
            var window = await store.MaintenanceWindows.FirstOrDefaultAsync(w => w.Id == windowId && w.CollectionId == id, cancellationToken)
                ?? throw Problem.NotFound("Maintenance window", windowId);
            store.MaintenanceWindows.Remove(window);
            audit.Record(Caller.From(http.User), "remove-maintenance-window", "Collection", id, null, null, windowId);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        return collections;
    }

    private static MaintenanceWindowInfo Info(MaintenanceWindowEntity w) => new()
    {
        Id = w.Id, Name = w.Name, Start = w.Start, DurationMinutes = w.DurationMinutes, Recurrence = w.Recurrence.ToString(),
        Interval = w.Interval, TaskSequencesOnly = w.TaskSequencesOnly,
    };
}
