namespace TsOrchestrator.Domain.Sequences;

/// <summary>Finds task sequences by id: how Run Task Sequence steps reach their children.</summary>
public interface ITaskSequenceResolver
{
    /// <summary>The sequence with this id, or null when there is none.</summary>
    TaskSequence? Find(string taskSequenceId);
}
