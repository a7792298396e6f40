using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Import Task Sequence: an upload becomes a preview (each object, its duplicate here by id or content, the proposed
/// action), and the commit applies the chosen actions in one store transaction. Content is staged and checked first
/// and goes into the library only after the store saved; on any error nothing is written.
/// </summary>
public sealed class ExchangeImporter(
    StoreContext store, TaskSequenceService sequences, ContentLibrary library, ContentSourceRoots sources, AuditLog audit, TimeProvider clock, ImportFolders folders,
    IOptions<ExchangeOptions> options, DistributionSignal signal)
{
    private const string ContentPathField = "contentPath";

    public async Task<ImportPreview> UploadAsync(Stream body, string? contentPath, string? fileName, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // A server folder is read only under the source roots, every link in it checked, before anything is received.
        contentPath = contentPath is null ? null : sources.Open(ContentPathField, contentPath).Folder;
        var (id, folder) = folders.Create();
        try
        {
            var kind = await ImportUpload.ReceiveAsync(body, folder, options.Value, cancellationToken);
            var now = clock.GetUtcNow();
            var shell = new ImportSet
            {
                Id = id, CreatedAt = now, ExpiresAt = now + folders.Lifetime, Sequences = [], Packages = [],
                CreatedBy = caller.Id, Scopes = string.Join(',', caller.Scopes.Order(StringComparer.OrdinalIgnoreCase)),
            };
            var set = await ImportReader.ReadAsync(shell, folder, kind, contentPath, fileName, options.Value, cancellationToken);
            await ImportFolders.WriteSetAsync(folder, set, cancellationToken);
            var candidates = await CandidatesAsync(set, cancellationToken);
            return Preview(set, candidates, await UnresolvedAsync(candidates, cancellationToken));
        }
        catch
        {
            // A refused upload leaves nothing behind.
            ImportFolders.Delete(folder);
            throw;
        }
    }

    public async Task<ImportPreview> GetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var set = await ReadSetAsync(id, caller, cancellationToken);
        var candidates = await CandidatesAsync(set, cancellationToken);
        return Preview(set, candidates, await UnresolvedAsync(candidates, cancellationToken));
    }

    public async Task<ImportResult> CommitAsync(string id, CommitImportRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var folder = folders.FolderOf(id);
        var set = await ReadSetAsync(id, caller, cancellationToken);

        // Existence is looked at again: the server may have changed since the preview.
        var candidates = await CandidatesAsync(set, cancellationToken);
        var actions = Actions(request, candidates);
        var ids = await FinalIdsAsync(candidates, actions, cancellationToken);
        var outcome = new List<ImportedObject>();
        var imported = new List<Domain.Sequences.TaskSequence>();
        var detail = $"import {set.Id}";

        // Content is hashed into the library's temp folder while the objects are staged in the store: hashing keeps
        // every core busy, the store work is one thread, and nothing is saved until both are done.
        var withContent = set.ContentRoot is null ? [] : candidates.Where(c => c.Package is not null && !Links(c, actions)).Select(c => c.Package!).ToList();
        var staged = new ConcurrentBag<StagedContentFile>();
        using var stopContent = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serverFolder = set.ContentRoot is not null && !set.ContentUploaded ? sources.Open(ContentPathField, set.ContentRoot) : null;
        var content = StageContentAsync(set.ContentRoot, serverFolder, withContent, staged, stopContent.Token);
        try
        {
            try
            {
                foreach (var candidate in candidates.Where(c => c.Package is not null))
                {
                    var action = actions[candidate.Preview.Id];
                    var version = Links(candidate, actions)
                        ? (await store.Packages.AsNoTracking().FirstAsync(p => p.Id == candidate.Preview.Existing!.Id, cancellationToken)).Version
                        : await StagePackageAsync(set, candidate, action, ids, caller, detail, cancellationToken);
                    outcome.Add(new ImportedObject { Kind = ExchangeObjectKind.Package, SourceId = candidate.Preview.Id, Id = ids[candidate.Preview.Id], Action = action, Version = version });
                }

                foreach (var candidate in candidates.Where(c => c.Sequence is not null))
                {
                    var action = actions[candidate.Preview.Id];
                    var version = 0;
                    if (action == ImportAction.IgnoreDuplicate)
                    {
                        version = (await store.TaskSequences.AsNoTracking().FirstAsync(s => s.Id == candidate.Preview.Existing!.Id, cancellationToken)).LatestVersion;
                    }
                    else
                    {
                        var document = SequenceReferences.Rewrite(candidate.Sequence!, ids) with { Id = ids[candidate.Preview.Id] };
                        document = await sequences.StageImportAsync(document, action == ImportAction.Overwrite ? candidate.Preview.Existing!.Id : null,
                            $"{detail} ({action} of {candidate.Preview.Id})", caller, cancellationToken);
                        imported.Add(document);
                        version = document.Version;
                    }

                    outcome.Add(new ImportedObject { Kind = ExchangeObjectKind.TaskSequence, SourceId = candidate.Preview.Id, Id = ids[candidate.Preview.Id], Action = action, Version = version });
                }

                await content;
                await store.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // Whichever side failed, the hashing stops and every file it staged goes; the failure is reported as it was.
                await stopContent.CancelAsync();
                await Task.WhenAny(content);
                StagedContentFile.DiscardAll(staged);
                throw;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Problem.Conflict("an object of the import was changed by someone else meanwhile; nothing was imported, commit again");
        }
        catch (DbUpdateException)
        {
            // Another caller created an object with one of the import's ids between the check and the save.
            throw Problem.Conflict("an object with one of the import's ids was created meanwhile; nothing was imported, commit again");
        }

        library.CommitAll(staged);

        if (set.ContentUploaded)
        {
            foreach (var packageId in withContent.Select(p => p.Record.Id))
            {
                var target = Path.Combine(folders.ImportedContentRoot, set.Id, packageId);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Directory.Move(Path.Combine(set.ContentRoot!, packageId), target);
                KeepModes(target, withContent.First(p => p.Record.Id == packageId).Files);
            }
        }

        ImportFolders.Delete(folder);
        signal.Wake();
        var resolver = new StoreSequenceResolver(store);

        // The sequences landed either way; content they name that is still missing is reported, for a later import or a choice in the editor.
        var siteContent = await StoreContentResolver.LoadAsync(store, imported, cancellationToken);
        var problems = imported.SelectMany(s => SequenceValidator.Validate(s, resolver, content: siteContent).Problems.Select(p => new ImportProblem
        {
            SequenceId = s.Id, Path = p.Path, Field = p.Field, Message = p.Message, Severity = p.Severity.ToString(),
        })).ToList();
        return new ImportResult { ImportId = set.Id, Objects = outcome, Problems = problems };
    }

    /// <summary>
    /// The uploaded files get the modes of their manifest: the folder becomes the package's source, and an update of its
    /// content from there would otherwise make a new version in which <c>./install.sh</c> is no longer executable.
    /// </summary>
    private static void KeepModes(string folder, IReadOnlyList<ContentFile> files)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in files.Where(f => f.Mode is not null))
        {
            File.SetUnixFileMode(Path.Combine(folder, file.Path), (UnixFileMode)(file.Mode!.Value & ContentFile.PermissionBits));
        }
    }

    /// <summary>Ignore Duplicate of an existing object: the import links to it and stages nothing of its own.</summary>
    private static bool Links(ImportCandidate candidate, Dictionary<string, ImportAction> actions) =>
        candidate.Preview.Existing is not null && actions[candidate.Preview.Id] == ImportAction.IgnoreDuplicate;

    private async Task<int> StagePackageAsync(ImportSet set, ImportCandidate candidate, ImportAction action, Dictionary<string, string> ids,
        Caller caller, string detail, CancellationToken cancellationToken)
    {
        var (record, files, _) = candidate.Package!;
        var id = ids[record.Id];
        var dependencies = record.Dependencies.Select(d => ids.GetValueOrDefault(d, d)).ToList();
        string? source = null;
        if (set.ContentRoot is not null)
        {
            source = set.ContentUploaded ? Path.Combine(folders.ImportedContentRoot, set.Id, record.Id) : Path.Combine(set.ContentRoot, record.Id);
        }

        var now = clock.GetUtcNow();
        if (action == ImportAction.CreateNew)
        {
            var package = new PackageEntity
            {
                Id = id, Name = record.Name, Description = record.Description, Type = record.Type, Version = 1, SourcePath = source ?? record.SourcePath,
                Programs = JsonSerializer.Serialize(record.Programs, JsonSerializerOptions.Web), Dependencies = PackageDependencies.Write(dependencies),
                Scopes = SecurityScopes.ForNewObject(caller), FileCount = files.Count, SizeBytes = files.Sum(f => f.Size), LastImported = now,
            };
            AddFiles(package, files);
            store.Packages.Add(package);
            audit.Record(caller, "import", "Package", id, null, package.ConcurrencyVersion, $"{detail} (CreateNew of {record.Id}){(source is null ? ", content not included" : "")}");
            return package.Version;
        }

        var existing = await store.Packages.FoundAsync(id, "Package", cancellationToken);

        var before = existing.ConcurrencyVersion;
        existing.Name = record.Name;
        existing.Description = record.Description;
        existing.Programs = JsonSerializer.Serialize(record.Programs, JsonSerializerOptions.Web);
        existing.Dependencies = PackageDependencies.Write(dependencies);
        if (source is not null)
        {
            existing.SourcePath = source;
            existing.LastImported = now;
            var current = await PackageService.FilesAsync(store, existing.Id, existing.Version, cancellationToken);
            if (!current.OrderBy(f => f.Path, StringComparer.Ordinal).SequenceEqual(files.OrderBy(f => f.Path, StringComparer.Ordinal)))
            {
                // An application's new revision, a package's new content version: DPs holding it get it again.
                existing.Version++;
                existing.FileCount = files.Count;
                existing.SizeBytes = files.Sum(f => f.Size);
                AddFiles(existing, files);
                foreach (var distribution in await store.PackageDistributions.Where(d => d.PackageId == existing.Id).ToListAsync(cancellationToken))
                {
                    distribution.Version = existing.Version;
                    distribution.Status = DistributionStatus.Pending;
                    distribution.Message = null;
                    distribution.Attempts = 0;
                    distribution.LeaseUntil = null;
                    distribution.UpdatedAt = now;
                }
            }
        }

        existing.ConcurrencyVersion++;
        audit.Record(caller, "import", "Package", id, before, existing.ConcurrencyVersion, $"{detail} (Overwrite from {record.Id}), content version {existing.Version}");
        return existing.Version;
    }

    private void AddFiles(PackageEntity package, IReadOnlyList<ContentFile> files) =>
        store.PackageFiles.AddRange(files.Select(f => new PackageFileEntity
        {
            PackageId = package.Id, Version = package.Version, RelativePath = f.Path, Size = f.Size, Hash = f.Hash, Mode = f.Mode,
        }));

    /// <summary>
    /// Every file of the packages hashed into the library's temp folder, one file per core: hashing is what costs, and it
    /// spreads over cores. A file that does not hash to its manifest name refuses the import.
    /// </summary>
    private async Task StageContentAsync(string? contentRoot, ContentSourceFolder? serverFolder, List<ImportedPackage> packages, ConcurrentBag<StagedContentFile> staged,
        CancellationToken cancellationToken)
    {
        var files = packages.SelectMany(p => p.Files.Select(f => (PackageId: p.Record.Id, File: f)));
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (item, token) =>
        {
            var (packageId, file) = item;
            try
            {
                var path = EntryNames.Under(Path.Combine(contentRoot!, packageId), file.Path);
                const FileOptions Sequential = FileOptions.SequentialScan | FileOptions.Asynchronous;
                await using var source = serverFolder is not null ? serverFolder.OpenRead(path, Sequential) : new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = Sequential,
                });
                staged.Add(await library.StageAsync(source, file.Hash, file.Size, token));
            }
            catch (ContentHashMismatchException e)
            {
                throw Problem.BadRequest("files", $"content file {packageId}/{file.Path} hashes to {e.Actual}, the manifest says {file.Hash}: the export was changed after it was written");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Problem.BadRequest("files", $"content file {packageId}/{file.Path} cannot be read: {e.Message}");
            }
        });
    }

    /// <summary>Every object's action: the one asked for (which must be allowed for it) or its proposed one.</summary>
    private static Dictionary<string, ImportAction> Actions(CommitImportRequest request, List<ImportCandidate> candidates)
    {
        var asked = request.Actions ?? new Dictionary<string, ImportAction>();
        var byId = candidates.ToDictionary(c => c.Preview.Id, StringComparer.Ordinal);
        foreach (var (id, action) in asked)
        {
            if (!byId.TryGetValue(id, out var candidate))
            {
                throw Problem.BadRequest($"actions.{id}", $"the import has no object '{id}'");
            }

            if (!candidate.Preview.AllowedActions.Contains(action))
            {
                throw Problem.BadRequest($"actions.{id}", candidate.Preview.Existing is null
                    ? $"{id} does not exist on this server: it can only be created ({action} needs an existing object)"
                    : $"{action} is not allowed for {id} (allowed: {string.Join(", ", candidate.Preview.AllowedActions)})");
            }
        }

        return candidates.ToDictionary(c => c.Preview.Id, c => asked.TryGetValue(c.Preview.Id, out var a) ? a : c.Preview.ProposedAction, StringComparer.Ordinal);
    }

    /// <summary>Exported id → id on this server: the existing object's for Ignore Duplicate and Overwrite, the same or a new one for Create New.</summary>
    private async Task<Dictionary<string, string>> FinalIdsAsync(List<ImportCandidate> candidates, Dictionary<string, ImportAction> actions, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in candidates)
        {
            var id = candidate.Preview.Id;
            var isPackage = candidate.Package is not null;
            ids[id] = actions[id] switch
            {
                ImportAction.CreateNew when await IdTakenAsync(isPackage, id, cancellationToken) =>
                    isPackage ? "PKG" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() : TaskSequenceService.NewSequenceId(),
                ImportAction.CreateNew => id,
                _ => candidate.Preview.Existing!.Id,
            };
        }

        return ids;
    }

    // An id is taken whoever may see its object: these look past the scope filter.
    private async Task<bool> IdTakenAsync(bool package, string id, CancellationToken cancellationToken) => package
        ? await store.Packages.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(p => p.Id == id, cancellationToken)
        : await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(s => s.Id == id, cancellationToken);

    /// <summary>
    /// The preview, for its creator and for callers who share one of the creator's scopes (an unscoped creator's only
    /// for unscoped callers); anyone else is told it does not exist, as for an object outside its scopes.
    /// </summary>
    private async Task<ImportSet> ReadSetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var path = ImportFolders.SetPath(folders.FolderOf(id));
        if (!File.Exists(path))
        {
            throw Problem.NotFound("Import", id);
        }

        var set = JsonSerializer.Deserialize<ImportSet>(await File.ReadAllBytesAsync(path, cancellationToken), ExportWriter.ManifestJson)!;
        var mayRead = set.CreatedBy == caller.Id || caller.CanSee(set.Scopes ?? "*");
        return set.ExpiresAt < clock.GetUtcNow() || !mayRead ? throw Problem.NotFound("Import", id) : set;
    }

    private static ImportPreview Preview(ImportSet set, List<ImportCandidate> candidates, IReadOnlyList<string> unresolved) => new()
    {
        Id = set.Id, Source = set.Source, CreatedAt = set.CreatedAt, ExpiresAt = set.ExpiresAt, Comment = set.Manifest?.Comment, ExportedAt = set.Manifest?.ExportedAt,
        ServerVersion = set.Manifest?.ServerVersion, IncludesContent = set.ContentRoot is not null, Objects = [.. candidates.Select(c => c.Preview)],
        UnresolvedReferences = unresolved,
    };

    /// <summary>
    /// Content and child sequences the imported sequences name that neither the import nor this site (as the caller sees
    /// it) has: the sequences land, but a deployment of them is refused until these exist.
    /// </summary>
    private async Task<IReadOnlyList<string>> UnresolvedAsync(List<ImportCandidate> candidates, CancellationToken cancellationToken)
    {
        var sequences = candidates.Select(c => c.Sequence).OfType<Domain.Sequences.TaskSequence>().ToList();
        var inImport = candidates.Select(c => c.Package?.Record.Id ?? c.Sequence?.Id).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var siteContent = await StoreContentResolver.LoadAsync(store, sequences, cancellationToken);
        var unresolved = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        unresolved.UnionWith(sequences.SelectMany(Domain.Sequences.ContentReferences.Of).Select(r => r.Id)
            .Where(id => !inImport.Contains(id) && siteContent.KindOf(id) is null));
        var children = sequences.SelectMany(SequenceReferences.Children).Where(id => !inImport.Contains(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (children.Count > 0)
        {
            var found = await store.TaskSequences.AsNoTracking().Where(t => children.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
            unresolved.UnionWith(children.Where(c => !found.Contains(c, StringComparer.OrdinalIgnoreCase)));
        }

        return [.. unresolved];
    }

    /// <summary>Each object with its duplicate here: the same id first, else the same content (sequences of the same name, packages of the same size).</summary>
    private async Task<List<ImportCandidate>> CandidatesAsync(ImportSet set, CancellationToken cancellationToken)
    {
        var result = new List<ImportCandidate>();
        foreach (var package in set.Packages)
        {
            var record = package.Record;
            ExistingObject? existing = null;
            var sameId = await store.Packages.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(p => p.Id == record.Id, cancellationToken);
            if (sameId is not null)
            {
                existing = Existing(sameId.Id, sameId.Name, await store.Packages.AnyAsync(p => p.Id == sameId.Id, cancellationToken));
            }
            else if (package.Files.Count > 0)
            {
                // Hashed only when something of the same type, count and size exists: most imports meet nothing.
                string? hash = null;
                var size = package.Files.Sum(f => f.Size);
                foreach (var other in await store.Packages.AsNoTracking()
                             .Where(p => p.Type == record.Type && p.FileCount == package.Files.Count && p.SizeBytes == size).ToListAsync(cancellationToken))
                {
                    hash ??= ExchangeHashes.Package(record.Type.ToString(), package.Files);
                    if (ExchangeHashes.Package(other.Type.ToString(), await PackageService.FilesAsync(store, other.Id, other.Version, cancellationToken)) == hash)
                    {
                        existing = new ExistingObject { Id = other.Id, Name = other.Name, MatchedBy = "contentHash" };
                        break;
                    }
                }
            }

            result.Add(new ImportCandidate(Object(ExchangeObjectKind.Package, record.Id, record.Name, record.Version, existing, package.StrippedSecrets) with
            {
                PackageType = record.Type.ToString(), FileCount = package.Files.Count, SizeBytes = package.Files.Sum(f => f.Size), ContentIncluded = set.ContentRoot is not null,
            }, null, package));
        }

        var stripped = set.Manifest?.Objects.ToDictionary(o => o.Id, o => o.StrippedSecrets, StringComparer.Ordinal) ?? [];
        foreach (var json in set.Sequences)
        {
            var sequence = NativeFormat.Deserialize(json, $"import {set.Id}");
            ExistingObject? existing = null;
            var sameId = await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(s => s.Id == sequence.Id, cancellationToken);
            if (sameId is not null)
            {
                existing = Existing(sameId.Id, sameId.Name, await store.TaskSequences.AnyAsync(s => s.Id == sameId.Id, cancellationToken));
            }
            else
            {
                string? hash = null;
                foreach (var other in await store.TaskSequences.AsNoTracking().Where(s => s.Name == sequence.Name).ToListAsync(cancellationToken))
                {
                    hash ??= ExchangeHashes.Sequence(sequence);
                    var content = await store.TaskSequenceVersions.AsNoTracking()
                        .Where(v => v.SequenceId == other.Id && v.Version == other.LatestVersion).Select(v => v.Content).FirstAsync(cancellationToken);
                    if (ExchangeHashes.Sequence(NativeFormat.Deserialize(content, other.Id)) == hash)
                    {
                        existing = new ExistingObject { Id = other.Id, Name = other.Name, MatchedBy = "contentHash" };
                        break;
                    }
                }
            }

            result.Add(new ImportCandidate(
                Object(ExchangeObjectKind.TaskSequence, sequence.Id, sequence.Name, sequence.Version, existing, stripped.GetValueOrDefault(sequence.Id) ?? []), sequence, null));
        }

        return result;
    }

    // A same-id object outside the caller's scopes (the scope filter does not return it) is not shown by name, and can
    // only be imported beside it under a new id.
    private static ExistingObject Existing(string id, string name, bool visible) =>
        new() { Id = id, Name = visible ? name : "(outside your security scopes)", MatchedBy = visible ? "id" : "id-outside-scopes" };

    private static ImportPreviewObject Object(ExchangeObjectKind kind, string id, string name, int version, ExistingObject? existing, IReadOnlyList<StrippedSecret> stripped) => new()
    {
        Kind = kind, Id = id, Name = name, Version = version, Existing = existing, StrippedSecrets = stripped,
        ProposedAction = existing is null || existing.MatchedBy == "id-outside-scopes" ? ImportAction.CreateNew : ImportAction.IgnoreDuplicate,
        AllowedActions = existing is null || existing.MatchedBy == "id-outside-scopes"
            ? [ImportAction.CreateNew]
            : [ImportAction.IgnoreDuplicate, ImportAction.CreateNew, ImportAction.Overwrite],
    };
}
