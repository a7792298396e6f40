using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// The parsed latest version of task sequences. A saved version never changes (a save is a new version); the key
/// also holds the sequence's last-modified time, so a sequence deleted and created again under the same id is not
/// mistaken for the old one. Every check-in that offers a deployment and every run start reads one, and parsing it
/// again each time was the dearest part of a check-in.
/// </summary>
public sealed class SequenceVersionCache
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<(string Id, int Version, DateTimeOffset Modified), TaskSequence> _versions = new();

    public async Task<TaskSequence> LatestAsync(StoreContext store, TaskSequenceEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entity);
        var key = (entity.Id, entity.LatestVersion, entity.LastModified);
        if (_versions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var stored = await store.TaskSequenceVersions.AsNoTracking()
            .FirstAsync(v => v.SequenceId == entity.Id && v.Version == entity.LatestVersion, cancellationToken);
        var sequence = NativeFormat.Deserialize(stored.Content, $"task sequence {entity.Id}");
        if (_versions.Count >= MaxEntries)
        {
            _versions.Clear();
        }

        _versions[key] = sequence;
        return sequence;
    }
}
