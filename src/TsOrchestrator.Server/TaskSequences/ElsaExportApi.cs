using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// <c>GET /api/v1/task-sequences/{id}/elsa</c> and <c>.../versions/{version}/elsa</c>: the compiled workflow of a
/// sequence version as an Elsa 3 workflow definition (JSON Elsa Studio imports). Readable by every role, within
/// the caller's security scopes; secret settings are never in it.
/// </summary>
public static class ElsaExportApi
{
    public static IEndpointRouteBuilder MapElsaExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/task-sequences").WithTags("Task sequences").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/{id}/elsa", async (string id, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            File(await service.ExportElsaAsync(id, null, Caller.From(http.User), cancellationToken)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

        group.MapGet("/{id}/versions/{version:int}/elsa", async (string id, int version, TaskSequenceService service, HttpContext http, CancellationToken cancellationToken) =>
            File(await service.ExportElsaAsync(id, version, Caller.From(http.User), cancellationToken)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

        return app;
    }

    private static IResult File(ElsaExport export) => Results.File(export.Content, "application/json", export.FileName);
}
