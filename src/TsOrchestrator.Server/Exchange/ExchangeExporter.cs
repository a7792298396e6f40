using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Export Task Sequence: the named sequences and, by default, everything they need (child sequences, boot image,
/// packages, applications with their dependencies, recursively), each with its secrets stripped.
/// </summary>
public sealed class ExchangeExporter(StoreContext store, ContentLibrary library, AuditLog audit, TimeProvider clock)
{
    public static readonly string ServerVersion =
        typeof(ExchangeExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<ExportPlan> PlanAsync(ExportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var named = (request.Ids ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (named.Count == 0)
        {
            throw Problem.BadRequest("ids", "name one or more task sequences to export");
        }

        if (request.Comment is { Length: > 2000 })
        {
            throw Problem.BadRequest("comment", "an administrator comment has at most 2000 characters");
        }

        var objects = new List<ExportedObject>();
        var entries = new List<ExportEntry>();
        var packageIds = new List<string>();
        var unresolved = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(string Id, string? NeededBy)>(named.Select(i => (i, (string?)null)));
        var seen = new HashSet<string>(named, StringComparer.OrdinalIgnoreCase);
        while (queue.TryDequeue(out var next))
        {
            var entity = await store.TaskSequences.AsNoTracking().FirstOrDefaultAsync(s => s.Id == next.Id, cancellationToken);
            if (entity is null && next.NeededBy is not null &&
                !await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(s => s.Id == next.Id, cancellationToken))
            {
                unresolved.Add(next.Id);
                continue;
            }

            if (entity is null)
            {
                throw next.NeededBy is null
                    ? Problem.NotFound("Task sequence", next.Id)
                    : Problem.Forbidden($"task sequence '{next.NeededBy}' runs '{next.Id}', which is outside your security scopes: export without dependencies or ask for its scope");
            }

            var row = await store.TaskSequenceVersions.AsNoTracking().FirstAsync(v => v.SequenceId == entity.Id && v.Version == entity.LatestVersion, cancellationToken);
            var (sequence, stripped) = SecretStripping.Strip(NativeFormat.Deserialize(row.Content, $"task sequence {entity.Id} version {entity.LatestVersion}"));
            var bytes = NativeFormat.SerializeToUtf8(sequence);
            var entry = $"task-sequences/{entity.Id}{NativeFormat.FileExtension}";
            entries.Add(new ExportEntry(entry, bytes));
            objects.Add(new ExportedObject
            {
                Kind = ExchangeObjectKind.TaskSequence, Id = entity.Id, Name = entity.Name, Version = entity.LatestVersion, Entry = entry,
                Sha256 = ExchangeHashes.Sha256(bytes), StrippedSecrets = stripped,
            });

            if (request.IncludeDependencies)
            {
                packageIds.AddRange(SequenceReferences.Packages(sequence));
                foreach (var child in SequenceReferences.Children(sequence).Where(seen.Add))
                {
                    queue.Enqueue((child, entity.Id));
                }
            }
        }

        var contentFiles = new List<ExportContentFile>();
        foreach (var package in await PackagesAsync(packageIds, unresolved, cancellationToken))
        {
            var files = await PackageService.FilesAsync(store, package.Id, package.Version, cancellationToken);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(PackageService.Info(package), ExportWriter.ManifestJson);
            var entry = $"packages/{package.Id}.json";
            entries.Add(new ExportEntry(entry, bytes));
            objects.Add(new ExportedObject
            {
                Kind = ExchangeObjectKind.Package, Id = package.Id, Name = package.Name, Version = package.Version, Entry = entry,
                Sha256 = ExchangeHashes.Sha256(bytes), Files = files,
            });
            if (request.IncludeContent)
            {
                if (files.FirstOrDefault(f => !library.Has(f.Hash)) is { } absent)
                {
                    throw Problem.Conflict($"package '{package.Id}' lacks {absent.Path} in the content library (it came without its content): update its content first, or export without content");
                }

                contentFiles.AddRange(files.Select(f => new ExportContentFile(package.Id, f)));
            }
        }

        var manifest = new ExportManifest
        {
            ExportedAt = clock.GetUtcNow(), ServerVersion = ServerVersion, Comment = request.Comment, IncludesDependencies = request.IncludeDependencies,
            IncludesContent = request.IncludeContent, Objects = objects, UnresolvedReferences = [.. unresolved],
        };
        foreach (var exported in objects)
        {
            audit.Record(caller, "export", exported.Kind.ToString(), exported.Id, null, null,
                $"version {exported.Version}{(request.IncludeContent ? ", with content" : "")}{(exported.StrippedSecrets.Count > 0 ? $", {exported.StrippedSecrets.Count} secrets stripped" : "")}");
        }

        await store.SaveChangesAsync(cancellationToken);
        return new ExportPlan(manifest, entries, contentFiles);
    }

    /// <summary>The referenced packages that exist, with applications' dependencies; the rest are noted as unresolved.</summary>
    private async Task<List<PackageEntity>> PackagesAsync(List<string> ids, SortedSet<string> unresolved, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var upper = wanted.Select(i => i.ToUpperInvariant()).ToList();
        var found = await store.Packages.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking()
            .Where(p => wanted.Contains(p.Id) || upper.Contains(p.Id)).ToListAsync(cancellationToken);
        unresolved.UnionWith(wanted.Where(w => !found.Any(p => string.Equals(p.Id, w, StringComparison.OrdinalIgnoreCase))));
        var all = await PackageDependencies.WithDependenciesAsync(store, found, cancellationToken);

        // The store's scope filter tells which of them the caller may see; one it may not refuses the export.
        var allIds = all.Select(p => p.Id).ToList();
        var visible = (await store.Packages.AsNoTracking().Where(p => allIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var hidden = all.FirstOrDefault(p => !visible.Contains(p.Id));
        return hidden is null
            ? all
            : throw Problem.Forbidden($"package '{hidden.Id}' is needed by the export but is outside your security scopes: export without dependencies or ask for its scope");
    }
}
