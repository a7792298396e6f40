using Microsoft.AspNetCore.Mvc;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// <c>/dp/v1</c>: what a distribution point serves. Every DP (the site server too) serves files by hash
/// to agents; a server in DP mode also takes content from the site server and prestaged files.
/// </summary>
public static class DistributionPointApi
{
    public static IEndpointRouteBuilder MapDistributionPointFiles(this IEndpointRouteBuilder app)
    {
        // Range requests let an agent resume a large image download where it stopped.
        app.MapGet("/dp/v1/files/{sha256}", (string sha256, ContentLibrary library) =>
            !ContentLibrary.IsHash(sha256) ? throw Problem.BadRequest("sha256", "a content file is named by its SHA-256 in lower-case hex")
            : library.Has(sha256) ? Results.File(library.PathOf(sha256), "application/octet-stream", enableRangeProcessing: true)
            : throw Problem.NotFound("Content file", sha256)).RequireAuthorization(AgentApi.Policy).WithTags("Distribution point");
        return app;
    }

    public static IEndpointRouteBuilder MapDistributionPointApi(this IEndpointRouteBuilder app)
    {
        app.MapDistributionPointFiles();
        var group = app.MapGroup("/dp/v1").WithTags("Distribution point").RequireAuthorization(SiteServerKeyAuthenticationHandler.Policy);

        group.MapPost("/files/missing", (IReadOnlyList<string> hashes, ContentLibrary library) =>
            hashes.Any(h => !ContentLibrary.IsHash(h))
                ? throw Problem.BadRequest("body", "give SHA-256 hashes in lower-case hex")
                : hashes.Where(h => !library.Has(h)).Distinct(StringComparer.Ordinal).ToList());

        // The DP hashes what it receives: a file corrupted or cut short on the way is refused, never stored.
        group.MapPut("/files/{sha256}", async (string sha256, HttpRequest request, ContentLibrary library, CancellationToken cancellationToken) =>
        {
            if (!ContentLibrary.IsHash(sha256))
            {
                throw Problem.BadRequest("sha256", "a content file is named by its SHA-256 in lower-case hex");
            }

            try
            {
                await library.ImportAsync(request.Body, sha256, request.ContentLength, cancellationToken);
            }
            catch (ContentHashMismatchException e)
            {
                throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Hash mismatch", e.Message, Problem.Field("body", e.Message));
            }

            return Results.NoContent();
        }).WithMetadata(new DisableRequestSizeLimitAttribute()); // OS images are gigabytes; Kestrel's default stops at 30 MB

        group.MapPut("/packages/{packageId}/versions/{version:int}", async (string packageId, int version, PackageManifest manifest, ContentLibrary library,
            CancellationToken cancellationToken) =>
        {
            CheckPackage(packageId, version, manifest);
            var missing = manifest.Files.Where(f => !library.Has(f.Sha256)).Select(f => f.Path).ToList();
            if (missing.Count > 0)
            {
                throw Problem.Conflict($"this distribution point lacks {missing.Count} file(s) of the package: {string.Join(", ", missing.Take(5))}", "files");
            }

            await library.SaveManifestAsync(manifest, cancellationToken);
            return Results.NoContent();
        });

        group.MapGet("/packages/{packageId}/versions/{version:int}", async (string packageId, int version, ContentLibrary library, CancellationToken cancellationToken) =>
            PackageIds.IsValid(packageId) && await library.ReadManifestAsync(packageId, version, cancellationToken) is { } manifest
                ? manifest
                : throw Problem.NotFound("Package version", $"{packageId}/{version}"));

        group.MapPost("/packages/{packageId}/versions/{version:int}/validate", async (string packageId, int version, ContentLibrary library, CancellationToken cancellationToken) =>
            PackageIds.IsValid(packageId) && await library.ReadManifestAsync(packageId, version, cancellationToken) is { } manifest
                ? await library.ValidateAsync(manifest.Files, cancellationToken)
                : throw Problem.NotFound("Package version", $"{packageId}/{version}"));

        // The body is spooled to a temp file first: a zip is read from its end, and a refused file leaves nothing behind.
        group.MapPost("/prestaged", async (HttpRequest request, ContentLibrary library, CancellationToken cancellationToken) =>
        {
            var spool = Path.Combine(library.Root, "tmp", Guid.NewGuid().ToString("N") + ".prestaged");
            try
            {
                await using var file = new FileStream(spool, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, BufferSize = 1 << 16, Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
                });
                await request.Body.CopyToAsync(file, 1 << 20, cancellationToken);
                file.Position = 0;
                return await PrestagedContent.ImportAsync(file, library, cancellationToken);
            }
            finally
            {
                File.Delete(spool);
            }
        }).WithMetadata(new DisableRequestSizeLimitAttribute());

        return app;
    }

    private static void CheckPackage(string packageId, int version, PackageManifest manifest)
    {
        if (!PackageIds.IsValid(packageId) || !string.Equals(manifest.PackageId, packageId, StringComparison.Ordinal) || manifest.Version != version)
        {
            throw Problem.BadRequest("packageId", "the manifest's package id and version must be those of the address");
        }

        if (manifest.Files.Any(f => !ContentLibrary.IsHash(f.Sha256)))
        {
            throw Problem.BadRequest("files", "each file is named by its SHA-256 in lower-case hex");
        }
    }
}
