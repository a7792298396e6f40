using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Input;

/// <summary>Reads a task sequence file, native JSON or ConfigMgr/MDT XML, told apart by its first character.</summary>
internal static class SequenceFileReader
{
    public static TaskSequence Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        var text = File.ReadAllText(path);
        var first = text.AsSpan().TrimStart().TrimStart('\uFEFF');
        return first.Length == 0
            ? throw new SequenceFormatException(path, null, null, "the file is empty")
            : first[0] switch
            {
                '<' => ConfigMgrXmlImporter.Import(text, path),
                '{' => NativeFormat.Deserialize(text, path),
                _ => throw new SequenceFormatException(path, 1, 1, "neither native JSON (starting with '{') nor task sequence XML (starting with '<')"),
            };
    }
}
