using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Input;

/// <summary>
/// Finds child sequences for Run Task Sequence steps among the <c>*.tsq.json</c> and <c>*.xml</c> files in
/// the input's folder, read on first use; files that are not sequences are passed over.
/// </summary>
internal sealed class FolderSequenceResolver(string folder) : ITaskSequenceResolver
{
    private Dictionary<string, TaskSequence>? _byId;

    public TaskSequence? Find(string taskSequenceId) => (_byId ??= Load()).GetValueOrDefault(taskSequenceId);

    private Dictionary<string, TaskSequence> Load()
    {
        var sequences = new Dictionary<string, TaskSequence>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(NativeFormat.FileExtension, StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                var sequence = SequenceFileReader.Read(file);
                sequences.TryAdd(sequence.Id, sequence);
            }
            catch (SequenceFormatException)
            {
                // Neighbouring files need not be sequences; only the ones referenced matter.
            }
        }

        return sequences;
    }
}
