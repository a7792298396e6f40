using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// The Create wizard's templates (<c>workflows/templates/*.tsq.json</c>, copied beside the server),
/// read once. <c>custom</c> is always there: an empty sequence.
/// </summary>
public sealed class TemplateLibrary
{
    public const string Custom = "custom";
    private readonly Dictionary<string, TaskSequence> _templates = new(StringComparer.OrdinalIgnoreCase);

    public TemplateLibrary(string directory)
    {
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*" + NativeFormat.FileExtension))
            {
                var name = Path.GetFileName(file)[..^NativeFormat.FileExtension.Length];
                _templates[name] = NativeFormat.Deserialize(File.ReadAllBytes(file), file);
            }
        }

        _templates.TryAdd(Custom, new TaskSequence { Id = "TEMPLATE-CUSTOM", Name = "Custom task sequence" });
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public TaskSequence? Find(string name) => _templates.GetValueOrDefault(name);
}
