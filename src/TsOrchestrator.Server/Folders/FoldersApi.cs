using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Folders;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Folders;

/// <summary><c>/api/v1/folders</c>: create, rename, delete empty, nest.</summary>
public static class FoldersApi
{
    public static IEndpointRouteBuilder MapFoldersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/folders").WithTags("Folders").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", async (StoreContext store, CancellationToken cancellationToken) =>
            (await store.Folders.AsNoTracking().OrderBy(f => f.Path).ToListAsync(cancellationToken)).Select(Info).ToList());

        group.MapPost("/", async (CreateFolderRequest request, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var name = CheckName(request.Name);
            var parent = request.Parent is null ? null : FolderPaths.Normalize(request.Parent);
            if (parent is { Length: > 0 } && !await store.Folders.AnyAsync(f => f.Path == parent, cancellationToken))
            {
                throw Problem.BadRequest("parent", $"folder '{parent}' does not exist");
            }

            var path = FolderPaths.Combine(parent, name);
            if (await store.Folders.AnyAsync(f => f.Path == path, cancellationToken))
            {
                throw Problem.Conflict($"folder '{path}' already exists", "name");
            }

            var folder = new FolderEntity { Path = path, Name = name, Parent = string.IsNullOrEmpty(parent) ? null : parent };
            store.Folders.Add(folder);
            audit.Record(Caller.From(http.User), "create", "Folder", path, null, null);
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/folders/{Uri.EscapeDataString(path)}", Info(folder));
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapPut("/{*path}", async (string path, RenameFolderRequest request, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var name = CheckName(request.Name);
            var old = FolderPaths.Normalize(path);
            var folder = await store.Folders.FirstOrDefaultAsync(f => f.Path == old, cancellationToken) ?? throw Problem.NotFound("Folder", old);
            var renamed = FolderPaths.Combine(folder.Parent, name);
            if (renamed == old)
            {
                return Results.Ok(Info(folder));
            }

            if (await store.Folders.AnyAsync(f => f.Path == renamed, cancellationToken))
            {
                throw Problem.Conflict($"folder '{renamed}' already exists", "name");
            }

            // The key changes: move the folder, its subfolders and their task sequences under the new path.
            var prefix = old + "/";
            var affected = await store.Folders.Where(f => f.Path == old || f.Path.StartsWith(prefix)).ToListAsync(cancellationToken);
            store.Folders.RemoveRange(affected);
            foreach (var f in affected)
            {
                store.Folders.Add(new FolderEntity
                {
                    Path = renamed + f.Path[old.Length..],
                    Name = f.Path == old ? name : f.Name,
                    Parent = f.Path == old ? f.Parent : renamed + f.Parent![old.Length..],
                });
            }

            // Folders have no scopes: a rename moves every sequence in it, in the caller's scopes or not.
            var sequences = await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter])
                .Where(s => s.Folder == old || s.Folder!.StartsWith(prefix)).ToListAsync(cancellationToken);
            foreach (var sequence in sequences)
            {
                sequence.Folder = renamed + sequence.Folder![old.Length..];
                sequence.ConcurrencyVersion++;
            }

            audit.Record(Caller.From(http.User), "rename", "Folder", old, null, null, $"to {renamed}");
            await store.SaveChangesAsync(cancellationToken);
            return Results.Ok(new FolderInfo { Path = renamed, Name = name, Parent = folder.Parent });
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{*path}", async (string path, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var normalized = FolderPaths.Normalize(path);
            var folder = await store.Folders.FirstOrDefaultAsync(f => f.Path == normalized, cancellationToken) ?? throw Problem.NotFound("Folder", normalized);
            if (await store.Folders.AnyAsync(f => f.Parent == normalized, cancellationToken) ||
                await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(s => s.Folder == normalized, cancellationToken))
            {
                throw Problem.Conflict($"folder '{normalized}' is not empty: move or delete what it holds first");
            }

            store.Folders.Remove(folder);
            audit.Record(Caller.From(http.User), "delete", "Folder", normalized, null, null);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        return app;
    }

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > FolderPaths.MaxNameLength || trimmed.Contains('/', StringComparison.Ordinal))
        {
            throw Problem.BadRequest("name", $"a folder name has 1 to {FolderPaths.MaxNameLength} characters and no '/'");
        }

        return trimmed;
    }

    private static FolderInfo Info(FolderEntity folder) => new() { Path = folder.Path, Name = folder.Name, Parent = folder.Parent };
}
