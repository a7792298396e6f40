using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Folders;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>Imported sequences: added to the unit of work of the whole import, which saves once (or not at all).</summary>
public sealed partial class TaskSequenceService
{
    internal static string NewSequenceId() => NewId();

    /// <summary>
    /// Stages an imported document as a new sequence (its id as given) or, with <paramref name="overwriteId"/>, as the next
    /// version of an existing one, which someone else's edit lock refuses. Imported documents are stored even with
    /// validation errors (as a copy is): the import reports them, and a password to re-enter is one of them.
    /// </summary>
    internal async Task<TaskSequence> StageImportAsync(TaskSequence document, string? overwriteId, string detail, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var now = clock.GetUtcNow();
        if (overwriteId is null)
        {
            document = document with { Folder = await ExistingFolderAsync(document.Folder, cancellationToken), Version = 1 };
            var created = new TaskSequenceEntity { Id = document.Id, Name = document.Name, Scopes = SecurityScopes.ForNewObject(caller), LastModified = now, LastModifiedBy = caller.Name };
            Apply(created, document, Validate(document, requireValid: false), caller, now);
            store.TaskSequences.Add(created);
            audit.Record(caller, "import", ObjectType, created.Id, null, created.ConcurrencyVersion, detail);
            return document;
        }

        var entity = await FindVisibleAsync(overwriteId, caller, cancellationToken);
        await RefuseIfLockedByOtherAsync(entity.Id, caller, cancellationToken);
        document = document with { Id = entity.Id, Folder = entity.Folder, Version = entity.LatestVersion + 1 };
        var before = entity.ConcurrencyVersion;
        Apply(entity, document, Validate(document, requireValid: false), caller, now);
        audit.Record(caller, "import", ObjectType, entity.Id, before, entity.ConcurrencyVersion, $"{detail}, version {document.Version}");
        return document;
    }

    /// <summary>The exported folder when this server has it; otherwise the sequence lands in the root folder.</summary>
    private async Task<string?> ExistingFolderAsync(string? folder, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }

        string normalized;
        try
        {
            normalized = FolderPaths.Normalize(folder);
        }
        catch (ApiProblemException)
        {
            return null;
        }

        return await store.Folders.AnyAsync(f => f.Path == normalized, cancellationToken) ? normalized : null;
    }
}
