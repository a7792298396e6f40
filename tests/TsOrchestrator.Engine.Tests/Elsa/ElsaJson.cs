using System.Text.Json;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Elsa;

namespace TsOrchestrator.Engine.Tests.Elsa;

/// <summary>Reads an export back as plain JSON, the way Elsa Studio receives it.</summary>
internal static class ElsaJson
{
    public static JsonElement Export(TaskSequence sequence, ITaskSequenceResolver? children = null, ElsaExportOptions? options = null) =>
        JsonDocument.Parse(ElsaWorkflowExporter.ExportToUtf8(sequence, children, options)).RootElement.Clone();

    /// <summary>Every activity under (and including) <paramref name="activity"/>: composites' children and If branches.</summary>
    public static IEnumerable<JsonElement> Descendants(JsonElement activity)
    {
        yield return activity;
        if (activity.TryGetProperty("activities", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Descendants))
            {
                yield return child;
            }
        }

        if (activity.TryGetProperty("then", out var then))
        {
            foreach (var inner in Descendants(then))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The activities that stand for a node of the sequence (not the root, not the If wrappers).</summary>
    public static List<JsonElement> NodeActivities(JsonElement document) =>
        [.. Descendants(document.GetProperty("root")).Where(a => Kind(a) is not ("root" or "condition"))];

    public static string Kind(JsonElement activity) => activity.GetProperty("customProperties").GetProperty("TsOrchestrator:Kind").GetString()!;

    public static string? Path(JsonElement activity) =>
        activity.GetProperty("customProperties").TryGetProperty("TsOrchestrator:Path", out var path) ? path.GetString() : null;

    public static JsonElement ByPath(JsonElement document, string path) => NodeActivities(document).Single(a => Path(a) == path);

    public static string DisplayText(JsonElement activity) => activity.GetProperty("metadata").GetProperty("displayText").GetString()!;

    public static string? Input(JsonElement activity, string name) =>
        activity.TryGetProperty(name, out var input) ? input.GetProperty("expression").GetProperty("value").GetString() : null;
}
