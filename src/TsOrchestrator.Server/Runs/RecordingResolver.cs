using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Server.Runs;

/// <summary>Resolves child sequences and remembers which it handed out: a run's definition snapshot.</summary>
internal sealed class RecordingResolver(ITaskSequenceResolver inner) : ITaskSequenceResolver
{
    public List<TaskSequence> Children { get; } = [];

    public TaskSequence? Find(string taskSequenceId)
    {
        var found = inner.Find(taskSequenceId);
        if (found is not null && !Children.Any(c => string.Equals(c.Id, found.Id, StringComparison.OrdinalIgnoreCase)))
        {
            Children.Add(found);
        }

        return found;
    }
}
