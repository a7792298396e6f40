using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Content.Problems;
using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Content;

/// <summary>
/// <c>/dp/v1</c>: what a distribution point serves. Every DP (the site server too) serves files by hash
/// to agents; a distribution point host also takes content from the site server and prestaged files.
/// </summary>
public static class DistributionPointApi
{
    private const string UploadSetting = $"{DistributionPointOptions.Section}:{nameof(DistributionPointOptions.MaxUploadBytes)}";

    private const string NameRule = "a content file is named by its hash: 'blake3-' and 64 lower-case hex digits (or 64 hex digits for SHA-256)";

    public static IEndpointRouteBuilder MapDistributionPointFiles(this IEndpointRouteBuilder app)
    {
        // Range requests let an agent resume a large image download where it stopped.
        app.MapGet("/dp/v1/files/{hash}", (string hash, ContentLibrary library) =>
            !ContentHash.IsValid(hash) ? throw Problem.BadRequest("hash", NameRule)
            : library.Has(hash) ? Results.File(library.PathOf(hash), "application/octet-stream", enableRangeProcessing: true)
            : throw Problem.NotFound("Content file", hash)).RequireAuthorization(DeviceCallers.Policy).WithTags("Distribution point");
        return app;
    }

    public static IEndpointRouteBuilder MapDistributionPointApi(this IEndpointRouteBuilder app)
    {
        app.MapDistributionPointFiles();
        var group = app.MapGroup("/dp/v1").WithTags("Distribution point").RequireAuthorization(SiteServerKeyAuthenticationHandler.Policy);

        group.MapPost("/files/missing", (IReadOnlyList<string> hashes, ContentLibrary library) =>
            hashes.Any(h => !ContentHash.IsValid(h))
                ? throw Problem.BadRequest("body", NameRule)
                : hashes.Where(h => !library.Has(h)).Distinct(StringComparer.Ordinal).ToList());

        // The DP hashes what it receives: a file corrupted or cut short on the way is refused, never stored.
        group.MapPut("/files/{hash}", async (string hash, HttpContext http, ContentLibrary library, IOptions<DistributionPointOptions> options,
            CancellationToken cancellationToken) =>
        {
            if (!ContentHash.IsValid(hash))
            {
                throw Problem.BadRequest("hash", NameRule);
            }

            var body = UploadLimit.Body(http, options.Value.MaxUploadBytes, UploadSetting);
            try
            {
                await library.ImportAsync(body, hash, http.Request.ContentLength, cancellationToken);
            }
            catch (ContentHashMismatchException e)
            {
                throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "Hash mismatch", e.Message, Problem.Field("body", e.Message));
            }

            return Results.NoContent();
        }).WithMetadata(new DisableRequestSizeLimitAttribute()); // OS images are gigabytes: DistributionPoint:MaxUploadBytes bounds them

        group.MapPut("/packages/{packageId}/versions/{version:int}", async (string packageId, int version, PackageManifest manifest, ContentLibrary library,
            CancellationToken cancellationToken) =>
        {
            CheckPackage(packageId, version, manifest);
            var missing = manifest.Files.Where(f => !library.Has(f.Hash)).Select(f => f.Path).ToList();
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
        group.MapPost("/prestaged", async (HttpContext http, ContentLibrary library, IOptions<DistributionPointOptions> options, CancellationToken cancellationToken) =>
        {
            var body = UploadLimit.Body(http, options.Value.MaxUploadBytes, UploadSetting);
            var spool = Path.Combine(library.TempFolder, Guid.NewGuid().ToString("N") + ".prestaged");
            try
            {
                await using (var file = new FileStream(spool, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 16, Options = FileOptions.Asynchronous,
                }))
                {
                    await body.CopyToAsync(file, 1 << 20, cancellationToken);
                }

                return await PrestagedContent.ImportAsync(spool, library, cancellationToken);
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

        if (manifest.Files.Any(f => !ContentHash.IsValid(f.Hash)))
        {
            throw Problem.BadRequest("files", NameRule);
        }

        if (manifest.Files.FirstOrDefault(f => !f.HasValidMode) is { } file)
        {
            throw Problem.BadRequest("files", $"file '{file.Path}' has mode {file.Mode}, beyond the permission bits 0777 (setuid, setgid and sticky are never carried)");
        }
    }
}
