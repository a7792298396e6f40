using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// The Create wizard's templates (<c>workflows/templates/*.tsq.json</c>, copied beside the server), read once, per
/// platform: Configuration Manager's Windows templates at the top, the Linux ones (what the Linux agent runs) in
/// <c>linux/</c>. A template a platform has no own version of (user-state, custom) is the same on both. <c>custom</c>
/// is always there: an empty sequence.
/// </summary>
public sealed class TemplateLibrary
{
    public const string Custom = "custom";

    /// <summary>Configuration Manager's templates: the default, as its wizard offers them.</summary>
    public const string Windows = "windows";

    public const string Linux = "linux";

    private readonly Dictionary<string, TaskSequence> _templates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TaskSequence> _linux = new(StringComparer.OrdinalIgnoreCase);

    public TemplateLibrary(string directory)
    {
        Read(directory, _templates);
        Read(Path.Combine(directory, Linux), _linux);
        _templates.TryAdd(Custom, new TaskSequence { Id = "TEMPLATE-CUSTOM", Name = "Custom task sequence" });
    }

    public static IReadOnlyList<string> Platforms { get; } = [Windows, Linux];

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public TaskSequence? Find(string name) => _templates.GetValueOrDefault(name);

    /// <summary>The template for <paramref name="platform"/> (windows or linux), or null when there is no such template or platform.</summary>
    public TaskSequence? Find(string name, string platform) =>
        string.Equals(platform, Linux, StringComparison.OrdinalIgnoreCase) ? _linux.GetValueOrDefault(name) ?? Find(name)
        : string.Equals(platform, Windows, StringComparison.OrdinalIgnoreCase) ? Find(name)
        : null;

    private static void Read(string directory, Dictionary<string, TaskSequence> templates)
    {
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*" + NativeFormat.FileExtension))
            {
                var name = Path.GetFileName(file)[..^NativeFormat.FileExtension.Length];
                templates[name] = NativeFormat.Deserialize(File.ReadAllBytes(file), file);
            }
        }
    }
}
