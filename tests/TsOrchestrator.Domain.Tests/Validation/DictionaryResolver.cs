using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>A resolver over a fixed set of sequences, counting look-ups.</summary>
internal sealed class DictionaryResolver(params TaskSequence[] sequences) : ITaskSequenceResolver
{
    private readonly Dictionary<string, TaskSequence> byId = sequences.ToDictionary(static s => s.Id, StringComparer.OrdinalIgnoreCase);

    public int Lookups { get; private set; }

    public TaskSequence? Find(string taskSequenceId)
    {
        Lookups++;
        return byId.GetValueOrDefault(taskSequenceId);
    }
}
