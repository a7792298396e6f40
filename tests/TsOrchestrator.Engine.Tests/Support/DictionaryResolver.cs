using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Engine.Tests.Support;

internal sealed class DictionaryResolver(params TaskSequence[] sequences) : ITaskSequenceResolver
{
    public TaskSequence? Find(string taskSequenceId) =>
        sequences.FirstOrDefault(s => string.Equals(s.Id, taskSequenceId, StringComparison.OrdinalIgnoreCase));
}
