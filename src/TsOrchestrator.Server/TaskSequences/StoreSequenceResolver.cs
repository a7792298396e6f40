using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>Finds the latest version of child sequences in the store (validation and compilation read children).</summary>
internal sealed class StoreSequenceResolver(StoreContext store) : ITaskSequenceResolver
{
    private readonly Dictionary<string, TaskSequence?> _cache = new(StringComparer.OrdinalIgnoreCase);

    public TaskSequence? Find(string taskSequenceId)
    {
        if (_cache.TryGetValue(taskSequenceId, out var cached))
        {
            return cached;
        }

        var entity = store.TaskSequences.Find(taskSequenceId);
        var version = entity is null ? null : store.TaskSequenceVersions.Find(entity.Id, entity.LatestVersion);
        var sequence = version is null ? null : NativeFormat.Deserialize(version.Content, $"task sequence {taskSequenceId}");
        _cache[taskSequenceId] = sequence;
        return sequence;
    }
}
