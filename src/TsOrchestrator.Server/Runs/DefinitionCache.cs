using System.Collections.Concurrent;
using System.Text.Json;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Compilation;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// Compiled definitions by content hash. A run stores the documents it was compiled from, so after a
/// restart its definition is rebuilt exactly, whatever was edited since.
/// </summary>
public sealed class DefinitionCache
{
    private const int MaxEntries = 512;
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _stored = new(StringComparer.Ordinal);

    public bool TryGet(string hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkflowDefinition? definition) =>
        _byHash.TryGetValue(hash, out definition);

    /// <summary>
    /// Rebuilds a definition from its stored documents and caches it under the hash it is stored by: the documents of
    /// a store written before step secrets were protected at rest were protected in place, which changes what they
    /// hash to but not the runs pinned to them.
    /// </summary>
    public WorkflowDefinition Rebuild(string hash, string snapshot)
    {
        var documents = JsonSerializer.Deserialize<string[]>(snapshot) ?? [];
        var sequences = documents.Select((d, i) => NativeFormat.Deserialize(d, $"run definition document {i}")).ToList();
        var definition = WorkflowCompiler.Compile(sequences[0], new SnapshotResolver(sequences)).PinnedTo(hash);
        Add(definition);
        MarkStored(definition.ContentHash);
        return definition;
    }

    public void Add(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_byHash.Count >= MaxEntries)
        {
            _byHash.Clear();
            _stored.Clear();
        }

        _byHash[definition.ContentHash] = definition;
    }

    /// <summary>Whether the definition's documents are known to be in the store (a new run then need not write them).</summary>
    public bool IsStored(string hash) => _stored.ContainsKey(hash);

    public void MarkStored(string hash) => _stored[hash] = true;

    /// <summary>The documents to store with a run: the sequence, then the children it used.</summary>
    public static string Snapshot(TaskSequence root, IEnumerable<TaskSequence> children) =>
        JsonSerializer.Serialize(new[] { root }.Concat(children).Select(NativeFormat.Serialize).ToArray());

    private sealed class SnapshotResolver(List<TaskSequence> sequences) : ITaskSequenceResolver
    {
        public TaskSequence? Find(string taskSequenceId) =>
            sequences.Skip(1).FirstOrDefault(s => string.Equals(s.Id, taskSequenceId, StringComparison.OrdinalIgnoreCase));
    }
}
