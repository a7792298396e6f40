using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// Find in the sequence: nodes whose name, description, type, setting values (secrets excepted) or conditions
/// contain the text, optionally only those that continue on error or have conditions.
/// </summary>
public sealed record SequenceSearch(string Text, bool ContinueOnErrorOnly, bool WithConditionsOnly)
{
    public bool IsEmpty => Text.Length == 0 && !ContinueOnErrorOnly && !WithConditionsOnly;

    /// <summary>The matching nodes in tree order (collapsed groups included).</summary>
    public List<EditorNode> Run(EditorDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return IsEmpty ? [] : [.. document.All().Where(Matches)];
    }

    public bool Matches(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if ((ContinueOnErrorOnly && !node.ContinueOnError) || (WithConditionsOnly && node.Condition is null))
        {
            return false;
        }

        return Text.Length == 0 || Texts(node).Any(t => t.Contains(Text, StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> Texts(EditorNode node)
    {
        yield return node.Name;
        yield return node.Description;
        if (!node.IsGroup)
        {
            yield return node.Type;
            yield return node.TypeName;
            var type = node.Descriptor;
            foreach (var (name, value) in node.Settings)
            {
                if (type?.FindSetting(name) is not { Kind: SettingKind.Password })
                {
                    yield return value;
                }
            }
        }

        if (node.Condition is { } condition)
        {
            foreach (var text in ConditionTexts(condition))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> ConditionTexts(ConditionModel condition) => condition.Kind switch
    {
        ConditionModelKind.If => condition.Children.SelectMany(ConditionTexts),
        ConditionModelKind.Variable => [condition.Variable, condition.Value],
        _ => [condition.Summary],
    };
}
