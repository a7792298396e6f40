using Microsoft.AspNetCore.Mvc;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Content;

/// <summary><c>/api/v1/packages</c>: packages, their content, distribution and prestaged content files.</summary>
public static class PackagesApi
{
    public static IEndpointRouteBuilder MapPackagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/packages").WithTags("Packages").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", (PackageService packages, HttpContext http, CancellationToken cancellationToken) =>
            packages.ListAsync(Caller.From(http.User), cancellationToken));

        group.MapGet("/{id}", async (string id, PackageService packages, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await packages.GetAsync(id, Caller.From(http.User), cancellationToken)));

        group.MapGet("/{id}/files", (string id, PackageService packages, HttpContext http, CancellationToken cancellationToken) =>
            packages.ManifestAsync(id, Caller.From(http.User), cancellationToken));

        group.MapPost("/", async (CreatePackageRequest request, PackageService packages, HttpContext http, CancellationToken cancellationToken) =>
        {
            var created = WithETag(http, await packages.CreateAsync(request, Caller.From(http.User), cancellationToken));
            return Results.Created($"/api/v1/packages/{created.Id}", created);
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPut("/{id}", async (string id, UpdatePackageRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, PackageService packages,
            HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await packages.UpdateAsync(id, request, ifMatch, Caller.From(http.User), cancellationToken))).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/update-content", async (string id, PackageService packages, HttpContext http, CancellationToken cancellationToken) =>
            WithETag(http, await packages.UpdateContentAsync(id, Caller.From(http.User), cancellationToken))).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{id}", async (string id, PackageService packages, HttpContext http, CancellationToken cancellationToken) =>
        {
            await packages.DeleteAsync(id, Caller.From(http.User), cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/distribute", async (string id, DistributeContentRequest? request, PackageService packages, ContentDistributor distributor,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            var package = await packages.FindVisibleAsync(id, caller, tracking: false, cancellationToken);
            return Results.Accepted($"/api/v1/packages/{package.Id}/content-status",
                await distributor.DistributePackageAsync(package, request ?? new DistributeContentRequest(), caller, cancellationToken));
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/validate", async (string id, PackageService packages, ContentValidator validator, ContentDistributor distributor, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            var package = await packages.FindVisibleAsync(id, caller, tracking: false, cancellationToken);
            await validator.ValidateAsync(package, caller, cancellationToken);
            return await distributor.StatusAsync([package.Id], cancellationToken);
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapGet("/{id}/content-status", async (string id, PackageService packages, ContentDistributor distributor, HttpContext http, CancellationToken cancellationToken) =>
        {
            var package = await packages.FindVisibleAsync(id, Caller.From(http.User), tracking: false, cancellationToken);
            return await distributor.StatusAsync([package.Id], cancellationToken);
        });

        // One file holding the packages' current versions, to carry to a distribution point and import there.
        group.MapPost("/prestage", async (PrestageContentRequest request, PackageService packages, Storage.StoreContext store, ContentLibrary library, TimeProvider clock, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            var ids = (request.PackageIds ?? []).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                throw Problem.BadRequest("packageIds", "name one or more packages");
            }

            var named = new List<Storage.PackageEntity>();
            foreach (var id in ids)
            {
                named.Add(await packages.FindVisibleAsync(id, caller, tracking: false, cancellationToken));
            }

            // An application's dependencies travel with it, as they would be distributed with it.
            var manifests = new List<PackageManifest>();
            foreach (var package in await PackageDependencies.WithDependenciesAsync(store, named, cancellationToken))
            {
                manifests.Add(new PackageManifest { PackageId = package.Id, Version = package.Version, Files = await PackageService.FilesAsync(store, package.Id, package.Version, cancellationToken) });
            }

            // Written to a temp file first: a zip writer does synchronous writes a response body refuses, and the length is known.
            var spool = new FileStream(Path.Combine(library.TempFolder, Guid.NewGuid().ToString("N") + ".prestaged"), new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, BufferSize = 1 << 16, Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
            });
            await PrestagedContent.WriteAsync(spool, manifests, library, clock.GetUtcNow(), cancellationToken);
            spool.Position = 0;
            return Results.File(spool, "application/zip", $"{string.Join("_", ids.Take(3))}.tsprestaged.zip");
        });

        return app;
    }

    private static PackageInfo WithETag(HttpContext http, PackageInfo package)
    {
        http.Response.Headers.ETag = ETags.Format(package.ConcurrencyVersion);
        return package;
    }
}
