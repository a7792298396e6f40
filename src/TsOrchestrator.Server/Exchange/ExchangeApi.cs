using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// <c>/api/v1/exports</c> and <c>/api/v1/imports</c>. An export without content is the zip itself; with content it is a
/// tar stream of <c>export.zip</c> and <c>export_files/</c> (a client writes them as <c>name.zip</c> and
/// <c>name_files/</c>), so that content crosses the wire once and is never buffered whole. An import takes any of
/// those as the raw request body, or the zip with <c>contentPath</c> naming its <c>_files</c> folder on the server.
/// </summary>
public static class ExchangeApi
{
    public static IEndpointRouteBuilder MapExchangeApi(this IEndpointRouteBuilder app)
    {
        // Reading a sequence is enough to export it; its dependencies must be in the caller's scopes as well.
        app.MapPost("/api/v1/exports", async (ExportRequest request, ExchangeExporter exporter, ContentLibrary library, HttpContext http, CancellationToken cancellationToken) =>
        {
            var plan = await exporter.PlanAsync(request, Caller.From(http.User), cancellationToken);
            if (!plan.Manifest.IncludesContent)
            {
                return Results.File(ExportWriter.Zip(plan), "application/zip", "export.zip");
            }

            return Results.Stream(stream => ExportWriter.WriteBundleAsync(stream, plan, library, cancellationToken), "application/x-tar", "export.tar");
        }).WithTags("Exchange").RequireAuthorization(AdminPolicies.Read);

        var imports = app.MapGroup("/api/v1/imports").WithTags("Exchange").RequireAuthorization(AdminPolicies.Edit);

        imports.MapPost("/", async (string? contentPath, string? fileName, ExchangeImporter importer, IOptions<ExchangeOptions> options, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            // An export with its content is as large as the content: the upload's own limit replaces the server's default.
            var body = UploadLimit.Body(http, options.Value.MaxUploadBytes, $"{ExchangeOptions.Section}:{nameof(ExchangeOptions.MaxUploadBytes)}");
            var preview = await importer.UploadAsync(body, contentPath, fileName, Caller.From(http.User), cancellationToken);
            return Results.Created($"/api/v1/imports/{preview.Id}", preview);
        });

        imports.MapGet("/{id}", (string id, ExchangeImporter importer, HttpContext http, CancellationToken cancellationToken) =>
            importer.GetAsync(id, Caller.From(http.User), cancellationToken));

        imports.MapPost("/{id}/commit", (string id, CommitImportRequest? request, ExchangeImporter importer, HttpContext http, CancellationToken cancellationToken) =>
            importer.CommitAsync(id, request ?? new CommitImportRequest(), Caller.From(http.User), cancellationToken));

        return app;
    }
}
