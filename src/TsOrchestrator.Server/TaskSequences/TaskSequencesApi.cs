using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary><c>/api/v1/task-sequences</c>: the console's task sequence actions.</summary>
public static class TaskSequencesApi
{
    public static IEndpointRouteBuilder MapTaskSequencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/task-sequences").WithTags("Task sequences").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", (string? folder, string? name, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            service.ListAsync(folder, name, Caller.From(http.User), cancellationToken));

        group.MapGet("/{id}", async (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await service.GetAsync(id, Caller.From(http.User), cancellationToken)));

        group.MapPost("/", async (CreateTaskSequenceRequest request, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            var created = await service.CreateAsync(request, Caller.From(http.User), cancellationToken);
            http.Response.Headers.ETag = created.ETag;
            return Results.Created($"/api/v1/task-sequences/{created.Summary.Id}", created);
        }).RequireAuthorization(AdminPolicies.Edit);

        // The body is read with the native format's strict reader, so a misspelt key or a bad value is
        // reported with its line and JSON path instead of being dropped.
        group.MapPut("/{id}", async (string id, [FromHeader(Name = "If-Match")] string? ifMatch, TaskSequenceService service,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            // Twice the stored limit: the stored size is measured as the server writes it, a client may indent more.
            using var buffer = new MemoryStream();
            await UploadLimit.Body(http, NativeFormat.MaxStoredBytes * 2L, "the task sequence size limit, twice the 2 MB stored limit").CopyToAsync(buffer, cancellationToken);

            var document = NativeFormat.Deserialize(buffer.ToArray(), "request body");
            return WithETag(http, await service.UpdateAsync(id, document, ifMatch, Caller.From(http.User), cancellationToken));
        }).RequireAuthorization(AdminPolicies.Edit).Accepts<JsonElement>("application/json");

        // What a save would say and more: the packages, images and applications it names are looked up on the site.
        // Reading is enough, as nothing is stored; the body is read as a save reads it.
        group.MapPost("/validate", async (TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            using var buffer = new MemoryStream();
            await UploadLimit.Body(http, NativeFormat.MaxStoredBytes * 2L, "the task sequence size limit, twice the 2 MB stored limit").CopyToAsync(buffer, cancellationToken);

            var document = NativeFormat.Deserialize(buffer.ToArray(), "request body");
            var problems = await service.CheckAsync(document, Caller.From(http.User), cancellationToken);
            return problems.Select(p => new SequenceProblem { Path = p.Path, Field = p.Field, Message = p.Message, Severity = p.Severity.ToString() }).ToList();
        }).Accepts<JsonElement>("application/json");

        group.MapDelete("/{id}", async (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            await service.DeleteAsync(id, Caller.From(http.User), cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/enable", async (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await service.SetEnabledAsync(id, true, Caller.From(http.User), cancellationToken))).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/disable", async (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await service.SetEnabledAsync(id, false, Caller.From(http.User), cancellationToken))).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/copy", async (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            var copy = await service.CopyAsync(id, Caller.From(http.User), cancellationToken);
            return Results.Created($"/api/v1/task-sequences/{copy.Summary.Id}", copy);
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/move", async (string id, MoveTaskSequenceRequest request, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await service.MoveAsync(id, request.Folder, Caller.From(http.User), cancellationToken))).RequireAuthorization(AdminPolicies.Edit);

        group.MapGet("/{id}/versions", (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            service.ListVersionsAsync(id, Caller.From(http.User), cancellationToken));

        group.MapGet("/{id}/versions/{version:int}", (string id, int version, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            service.GetVersionAsync(id, version, Caller.From(http.User), cancellationToken));

        group.MapGet("/{id}/properties", (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            service.GetPropertiesAsync(id, Caller.From(http.User), cancellationToken));

        group.MapPut("/{id}/properties", async (string id, TaskSequenceProperties properties, [FromHeader(Name = "If-Match")] string? ifMatch,
            TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await service.SetPropertiesAsync(id, properties, ifMatch, Caller.From(http.User), cancellationToken)))
            .RequireAuthorization(AdminPolicies.Edit);

        group.MapPut("/{id}/scopes", async (string id, SetScopesRequest request, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await service.SetScopesAsync(id, request.Scopes, Caller.From(http.User), cancellationToken)))
            .RequireAuthorization(AdminPolicies.Administer);

        group.MapGet("/{id}/diff", (string id, int from, int to, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            service.DiffAsync(id, from, to, Caller.From(http.User), cancellationToken));

        group.MapPost("/{id}/lock", (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            service.AcquireLockAsync(id, Caller.From(http.User), cancellationToken)).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{id}/lock", async (string id, bool? force, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
        {
            await service.ReleaseLockAsync(id, force ?? false, Caller.From(http.User), cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        return app;
    }

    private static TaskSequenceDetails WithETag(HttpContext http, TaskSequenceDetails details)
    {
        http.Response.Headers.ETag = details.ETag;
        return details;
    }
}
