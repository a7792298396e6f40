using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Folders;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// Task sequences in the store: every save is a new immutable version, guarded by the edit lock and
/// the optimistic-concurrency version; a rejected save changes nothing.
/// </summary>
public sealed partial class TaskSequenceService(
    StoreContext store, TimeProvider clock, AuditLog audit, TemplateLibrary templates, IOptions<EditLockOptions> lockOptions, StepSecretProtector secrets)
{
    private const string ObjectType = "TaskSequence";

    public async Task<IReadOnlyList<TaskSequenceSummary>> ListAsync(string? folder, string? name, Caller caller, CancellationToken cancellationToken)
    {
        var query = store.TaskSequences.AsNoTracking();
        if (folder is not null)
        {
            var normalized = FolderPaths.Normalize(folder);
            query = query.Where(s => s.Folder == normalized);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var pattern = $"%{name.Trim()}%";
            query = query.Where(s => EF.Functions.Like(s.Name, pattern));
        }

        var rows = await query.OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var locks = await ActiveLocksAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        return [.. rows.Select(r => Summary(r, locks.GetValueOrDefault(r.Id)))];
    }

    public async Task<TaskSequenceDetails> GetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var document = await ReadVersionAsync(entity.Id, entity.LatestVersion, cancellationToken);
        var locks = await ActiveLocksAsync([entity.Id], cancellationToken);
        return Details(entity, SecretMasking.Mask(document), locks.GetValueOrDefault(entity.Id));
    }

    public async Task<TaskSequenceDetails> CreateAsync(CreateTaskSequenceRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TaskSequence document;
        if (request.Sequence is { } given)
        {
            document = given;
        }
        else
        {
            var template = request.Template ?? TemplateLibrary.Custom;
            var platform = request.Platform ?? TemplateLibrary.Windows;
            if (!TemplateLibrary.Platforms.Contains(platform, StringComparer.OrdinalIgnoreCase))
            {
                throw Problem.BadRequest("platform", $"unknown platform '{platform}'; known: {string.Join(", ", TemplateLibrary.Platforms)}");
            }

            document = templates.Find(template, platform) ?? throw Problem.BadRequest("template",
                $"unknown template '{template}'; known: {string.Join(", ", templates.Names.Order())}");
        }

        var folder = request.Folder ?? document.Folder;
        folder = folder is null ? null : FolderPaths.Normalize(folder);
        if (folder is not null && !await store.Folders.AnyAsync(f => f.Path == folder, cancellationToken))
        {
            throw Problem.BadRequest("folder", $"folder '{folder}' does not exist");
        }

        var id = document.Id is { Length: > 0 } wanted && request.Sequence is not null &&
                 !await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AnyAsync(s => s.Id == wanted, cancellationToken)
            ? wanted
            : NewId();
        document = document with
        {
            Id = id,
            Name = request.Name ?? (request.Sequence is null ? "" : document.Name),
            Description = request.Description ?? document.Description,
            Folder = folder,
            Version = 1,
        };

        var now = clock.GetUtcNow();
        var entity = new TaskSequenceEntity { Id = id, Name = document.Name, Scopes = SecurityScopes.ForNewObject(caller), LastModified = now, LastModifiedBy = caller.Name };
        var content = Validate(document);
        Apply(entity, document, content, caller, now);
        store.TaskSequences.Add(entity);
        audit.Record(caller, "create", ObjectType, id, null, entity.ConcurrencyVersion);
        await store.SaveChangesAsync(cancellationToken);
        return Details(entity, SecretMasking.Mask(document), null);
    }

    public async Task<TaskSequenceDetails> UpdateAsync(string id, TaskSequence document, string? ifMatch, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        CheckVersion(entity, ifMatch);
        await RequireLockAsync(entity.Id, caller, cancellationToken);
        if (!string.Equals(document.Id, entity.Id, StringComparison.Ordinal))
        {
            throw Problem.BadRequest("id", $"the document's id '{document.Id}' is not the task sequence '{entity.Id}' being saved");
        }

        var stored = await ReadVersionAsync(entity.Id, entity.LatestVersion, cancellationToken);
        document = SecretMasking.Restore(document, stored) with { Folder = entity.Folder, Version = entity.LatestVersion + 1 };

        // A save refuses content it names anew (a place now naming an id it did not) that the site lacks or has of another
        // kind, as Configuration Manager's editor refuses a missing package. What the stored version named already is
        // carried: a sequence from a template, a file or an import may be edited before its content comes, while
        // deploying it is refused and validating it reports all.
        var carried = ContentReferences.Of(stored).Select(r => (r.Field, r.Id.ToUpperInvariant())).ToHashSet();
        var added = ContentReferences.Of(document).Where(r => !carried.Contains((r.Field, r.Id.ToUpperInvariant()))).ToList();
        var references = SequenceValidator.ValidateReferences(added, await StoreContentResolver.LoadAsync(store, [document], cancellationToken));
        var content = Validate(document, references: references);
        var before = entity.ConcurrencyVersion;
        Apply(entity, document, content, caller, clock.GetUtcNow());
        audit.Record(caller, "update", ObjectType, entity.Id, before, entity.ConcurrencyVersion, $"version {document.Version}");
        await SaveAsync(entity, cancellationToken);
        return Details(entity, SecretMasking.Mask(document), await LockOfAsync(entity.Id, cancellationToken));
    }

    public async Task<TaskSequenceDetails> SetEnabledAsync(string id, bool enabled, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        await RefuseIfLockedByOtherAsync(entity.Id, caller, cancellationToken);
        var document = await ReadVersionAsync(entity.Id, entity.LatestVersion, cancellationToken);
        if (document.Enabled == enabled)
        {
            return Details(entity, SecretMasking.Mask(document), await LockOfAsync(entity.Id, cancellationToken));
        }

        document = document with { Enabled = enabled, Version = entity.LatestVersion + 1 };
        var before = entity.ConcurrencyVersion;
        Apply(entity, document, Validate(document, requireValid: false), caller, clock.GetUtcNow());
        audit.Record(caller, enabled ? "enable" : "disable", ObjectType, entity.Id, before, entity.ConcurrencyVersion);
        await SaveAsync(entity, cancellationToken);
        return Details(entity, SecretMasking.Mask(document), await LockOfAsync(entity.Id, cancellationToken));
    }

    public async Task<TaskSequenceDetails> CopyAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var document = await ReadVersionAsync(entity.Id, entity.LatestVersion, cancellationToken);
        var copyName = document.Name.Length > 93 ? document.Name[..93] + " - Copy" : document.Name + " - Copy";
        var copy = document with { Id = NewId(), Name = copyName, Version = 1 };
        var now = clock.GetUtcNow();
        var copyEntity = new TaskSequenceEntity { Id = copy.Id, Name = copy.Name, Scopes = entity.Scopes, LastModified = now, LastModifiedBy = caller.Name };
        Apply(copyEntity, copy, Validate(copy, requireValid: false), caller, now);
        store.TaskSequences.Add(copyEntity);
        audit.Record(caller, "copy", ObjectType, copy.Id, null, copyEntity.ConcurrencyVersion, $"copied from {entity.Id}");
        await store.SaveChangesAsync(cancellationToken);
        return Details(copyEntity, SecretMasking.Mask(copy), null);
    }

    public async Task<TaskSequenceDetails> MoveAsync(string id, string? folder, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var target = folder is null ? null : FolderPaths.Normalize(folder);
        if (target is not null && !await store.Folders.AnyAsync(f => f.Path == target, cancellationToken))
        {
            throw Problem.BadRequest("folder", $"folder '{target}' does not exist");
        }

        var before = entity.ConcurrencyVersion;
        entity.Folder = target;
        entity.ConcurrencyVersion++;
        entity.LastModified = clock.GetUtcNow();
        entity.LastModifiedBy = caller.Name;
        audit.Record(caller, "move", ObjectType, entity.Id, before, entity.ConcurrencyVersion, $"to {target ?? "/"}");
        await SaveAsync(entity, cancellationToken);
        return await GetAsync(id, caller, cancellationToken);
    }

    public async Task DeleteAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        await RefuseIfLockedByOtherAsync(entity.Id, caller, cancellationToken);
        // Deployments in scopes the sequence has since left still run it: they hold the delete too.
        var deployments = await store.Deployments.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(d => d.SequenceId == entity.Id).Select(d => d.Id).ToListAsync(cancellationToken);
        if (deployments.Count > 0)
        {
            throw Problem.Conflict($"task sequence '{entity.Id}' is deployed ({string.Join(", ", deployments)}): delete its deployments first");
        }

        store.TaskSequenceVersions.RemoveRange(store.TaskSequenceVersions.Where(v => v.SequenceId == entity.Id));
        store.EditLocks.RemoveRange(store.EditLocks.Where(l => l.SequenceId == entity.Id));
        store.TaskSequences.Remove(entity);
        audit.Record(caller, "delete", ObjectType, entity.Id, entity.ConcurrencyVersion, null, entity.Name);
        await SaveAsync(entity, cancellationToken);
    }

    public async Task<IReadOnlyList<TaskSequenceVersionInfo>> ListVersionsAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var versions = await store.TaskSequenceVersions.AsNoTracking()
            .Where(v => v.SequenceId == entity.Id).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        return [.. versions.Select(v => new TaskSequenceVersionInfo
        {
            Version = v.Version, CreatedAt = v.CreatedAt, CreatedBy = v.CreatedBy, ContentHash = v.ContentHash, SizeBytes = v.SizeBytes,
        })];
    }

    public async Task<TaskSequence> GetVersionAsync(string id, int version, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        if (version < 1 || version > entity.LatestVersion)
        {
            throw Problem.NotFound("Version", $"{entity.Id}/{version}");
        }

        return SecretMasking.Mask(await ReadVersionAsync(entity.Id, version, cancellationToken));
    }

    public async Task<TaskSequenceProperties> GetPropertiesAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        return Properties(await ReadVersionAsync(entity.Id, entity.LatestVersion, cancellationToken));
    }

    /// <summary>Saves the Properties dialog as a new version, under the same rules as a full save.</summary>
    public async Task<TaskSequenceDetails> SetPropertiesAsync(string id, TaskSequenceProperties properties, string? ifMatch, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var document = await ReadVersionAsync(entity.Id, entity.LatestVersion, cancellationToken);
        var changed = document with
        {
            Name = properties.Name,
            Description = properties.Description,
            SoftwareCenter = properties.SoftwareCenter,
            Advanced = properties.Advanced,
            UserNotification = properties.UserNotification,
            Performance = properties.Performance,
        };
        return await UpdateAsync(id, changed, ifMatch, caller, cancellationToken);
    }

    /// <summary>Set Security Scopes (Full Administrators only): who may see and change the sequence.</summary>
    public async Task<TaskSequenceDetails> SetScopesAsync(string id, IReadOnlyList<string>? scopes, Caller caller, CancellationToken cancellationToken)
    {
        var stored = SecurityScopes.Parse(scopes);
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var before = entity.ConcurrencyVersion;
        entity.Scopes = stored;
        entity.ConcurrencyVersion++;
        audit.Record(caller, "set-scopes", ObjectType, entity.Id, before, entity.ConcurrencyVersion, entity.Scopes);
        await SaveAsync(entity, cancellationToken);
        return await GetAsync(id, caller, cancellationToken);
    }

    private static TaskSequenceProperties Properties(TaskSequence document) => new()
    {
        Name = document.Name,
        Description = document.Description,
        SoftwareCenter = document.SoftwareCenter,
        Advanced = document.Advanced,
        UserNotification = document.UserNotification,
        Performance = document.Performance,
    };

    /// <summary>Two versions side by side (secret values masked on both sides).</summary>
    public async Task<VersionDiff> DiffAsync(string id, int from, int to, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        foreach (var (field, version) in new[] { ("from", from), ("to", to) })
        {
            if (version < 1 || version > entity.LatestVersion)
            {
                throw Problem.BadRequest(field, $"version {version} does not exist (1 to {entity.LatestVersion})");
            }
        }

        var older = NativeFormat.Serialize(SecretMasking.Mask(await ReadVersionAsync(entity.Id, from, cancellationToken)));
        var newer = NativeFormat.Serialize(SecretMasking.Mask(await ReadVersionAsync(entity.Id, to, cancellationToken)));
        return VersionDiffer.Diff(from, older, to, newer);
    }

    private async Task<TaskSequenceEntity> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await store.TaskSequences.FoundAsync(id, "Task sequence", cancellationToken);
    }

    private async Task<TaskSequence> ReadVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        var row = await store.TaskSequenceVersions.AsNoTracking()
            .FirstAsync(v => v.SequenceId == id && v.Version == version, cancellationToken);
        return NativeFormat.Deserialize(row.Content, $"task sequence {id} version {version}");
    }

    /// <summary>
    /// Validates a document about to be stored; returns its native bytes, secret values protected. It is validated as
    /// stored: a protected password counts as set.
    /// </summary>
    private byte[] Validate(TaskSequence document, bool requireValid = true, ValidationResult? references = null)
    {
        document = secrets.Protect(document);
        var result = SequenceValidator.Validate(document, new StoreSequenceResolver(store));
        result = references is null ? result : new ValidationResult([.. result.Problems, .. references.Problems]);
        if (requireValid && !result.IsValid)
        {
            throw Problem.Validation(ValidationErrors.Of(result));
        }

        return NativeFormat.SerializeToUtf8(document);
    }

    /// <summary>
    /// Every problem of a document as a save of it would see them, its packages, images and applications looked up in
    /// the caller's view of the site: what <c>tsorch validate --server</c> prints. Nothing is stored.
    /// </summary>
    public async Task<IReadOnlyList<ValidationProblem>> CheckAsync(TaskSequence document, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(caller);
        var siteContent = await StoreContentResolver.LoadAsync(store, [document], cancellationToken);
        return SequenceValidator.Validate(secrets.Protect(document), new VisibleSequenceResolver(store), content: siteContent).Problems;
    }

    private void Apply(TaskSequenceEntity entity, TaskSequence document, byte[] content, Caller caller, DateTimeOffset now)
    {
        entity.Name = document.Name;
        entity.Description = document.Description;
        entity.Folder = document.Folder;
        entity.Enabled = document.Enabled;
        entity.HighImpact = HighImpactAnalysis.Analyze(document).IsHighImpact;
        entity.LatestVersion = document.Version;
        entity.LastModified = now;
        entity.LastModifiedBy = caller.Name;
        entity.ConcurrencyVersion++;
        store.TaskSequenceVersions.Add(new TaskSequenceVersionEntity
        {
            SequenceId = entity.Id,
            Version = document.Version,
            Content = System.Text.Encoding.UTF8.GetString(content),
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
            SizeBytes = content.Length,
            CreatedAt = now,
            CreatedBy = caller.Name,
        });
    }

    private async Task SaveAsync(TaskSequenceEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (StoreRaces.IsRace(e))
        {
            // Two saves from one version: the loser's new version row collides with the winner's (EF Core inserts it
            // before the concurrency-checked update), or the update finds the token moved on. Either way it is stale.
            var current = await store.TaskSequences.AsNoTracking().Where(s => s.Id == entity.Id).Select(s => (long?)s.ConcurrencyVersion).FirstOrDefaultAsync(cancellationToken);
            throw current is null ? Problem.NotFound("Task sequence", entity.Id) : Problem.StaleVersion("Task sequence", entity.Id, current.Value);
        }
    }

    private static void CheckVersion(TaskSequenceEntity entity, string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw Problem.PreconditionRequired("task sequence");
        }

        if (ETags.Parse(ifMatch) != entity.ConcurrencyVersion)
        {
            throw Problem.StaleVersion("Task sequence", entity.Id, entity.ConcurrencyVersion);
        }
    }

    private static string NewId() => "TS" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static TaskSequenceSummary Summary(TaskSequenceEntity entity, EditLockInfo? editLock) => new()
    {
        Id = entity.Id,
        Name = entity.Name,
        Description = entity.Description,
        Folder = entity.Folder,
        Version = entity.LatestVersion,
        Enabled = entity.Enabled,
        HighImpact = entity.HighImpact,
        LastModified = entity.LastModified,
        LastModifiedBy = entity.LastModifiedBy,
        Lock = editLock,
        Scopes = SecurityScopes.List(entity.Scopes),
    };

    private static TaskSequenceDetails Details(TaskSequenceEntity entity, TaskSequence document, EditLockInfo? editLock) => new()
    {
        Summary = Summary(entity, editLock),
        Sequence = document,
        ETag = ETags.Format(entity.ConcurrencyVersion),
    };
}
