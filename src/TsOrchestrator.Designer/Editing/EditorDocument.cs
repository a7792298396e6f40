using System.Globalization;
using System.Text.RegularExpressions;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// The sequence being edited: a mutable tree of <see cref="EditorNode"/> over the loaded document, whose
/// properties are kept as they were. Validation is the domain's own (the rules the server applies on save).
/// </summary>
public sealed partial class EditorDocument
{
    private Dictionary<string, EditorNode> _byPath = new(StringComparer.Ordinal);

    private EditorDocument(TaskSequence loaded)
    {
        Loaded = loaded;
    }

    public TaskSequence Loaded { get; }
    public List<EditorNode> Roots { get; } = [];

    /// <summary>Problems of the sequence itself (its properties, its size).</summary>
    public List<NodeProblem> SequenceProblems { get; } = [];

    public int NodeCount { get; private set; }
    public int ErrorCount { get; private set; }

    public static EditorDocument From(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var document = new EditorDocument(sequence);
        foreach (var node in sequence.Nodes)
        {
            document.Roots.Add(Convert(node, null));
        }

        return document;
    }

    public IEnumerable<EditorNode> All() => Walk(Roots);

    /// <summary>Everything inside a group, at any depth.</summary>
    public static IEnumerable<EditorNode> Descendants(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Walk(node.Children);
    }

    /// <summary>Nodes shown in the tree (children of collapsed groups hidden), with their depth.</summary>
    public IEnumerable<(EditorNode Node, int Depth)> Visible() => Visible(Roots, 0);

    public EditorNode? Find(string id) => All().FirstOrDefault(n => n.Id == id);

    public List<EditorNode> SiblingsOf(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Parent?.Children ?? Roots;
    }

    /// <summary>The document to save, with ids given to every node so the server keeps secrets with their step wherever it moves.</summary>
    public TaskSequence ToSequence()
    {
        var byPath = new Dictionary<string, EditorNode>(StringComparer.Ordinal);
        var nodes = ToNodes(Roots, "", byPath);
        _byPath = byPath;
        return Loaded with { Nodes = nodes };
    }

    /// <summary>The document as it is now, for undo: kept whole, so later edits in place do not reach it.</summary>
    public EditorSnapshot Snapshot()
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in All().Where(n => !n.IsGroup && n.SuccessCodes.Length > 0))
        {
            typed[node.Id] = node.SuccessCodes;
        }

        return new EditorSnapshot(ToSequence(), typed);
    }

    /// <summary>
    /// A document made from <paramref name="snapshot"/>. Groups open or closed in <paramref name="shown"/> stay so:
    /// opening a group is not an edit, so undo does not reverse it.
    /// </summary>
    public static EditorDocument Restore(EditorSnapshot snapshot, EditorDocument? shown)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var expanded = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var group in shown?.All().Where(n => n.IsGroup) ?? [])
        {
            expanded[group.Id] = group.Expanded;
        }

        var document = From(snapshot.Sequence);
        foreach (var node in document.All())
        {
            if (snapshot.SuccessCodesTyped.TryGetValue(node.Id, out var typed))
            {
                node.SuccessCodes = typed;
            }

            if (expanded.TryGetValue(node.Id, out var open))
            {
                node.Expanded = open;
            }
        }

        return document;
    }

    public static EditorNode NewStep(StepTypeDescriptor type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var step = new EditorNode { Id = EditorNode.NewId(), Type = type.TypeId, Name = type.DisplayName };
        foreach (var setting in type.Settings.Where(s => s.DefaultValue is not null))
        {
            step.Settings[setting.Name] = setting.DefaultValue!;
        }

        return step;
    }

    /// <summary>
    /// A deep copy with new ids, for copy and paste. Secret settings are left out: the server keeps a secret
    /// with the step it was stored on, so a copy must be given its own.
    /// </summary>
    public static EditorNode Duplicate(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var domain = ToNodes([node], "", new Dictionary<string, EditorNode>(StringComparer.Ordinal))[0];
        return Convert(WithoutIdsAndSecrets(domain), null);
    }

    private static TaskSequenceNode WithoutIdsAndSecrets(TaskSequenceNode node) => node switch
    {
        GroupNode group => group with { Id = null, Children = [.. group.Children.Select(WithoutIdsAndSecrets)] },
        StepNode step => step with
        {
            Id = null,
            Settings = step.Settings
                .Where(p => StepCatalog.Find(step.Type)?.FindSetting(p.Key) is not { Kind: SettingKind.Password })
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
        },
        _ => node,
    };

    public static EditorNode NewGroup() => new() { Id = EditorNode.NewId(), IsGroup = true, Name = "New Group" };

    /// <summary>Adds after the selected node, at its level (the editor's Add); at the end when nothing is selected.</summary>
    public void InsertAfter(EditorNode node, EditorNode? selected)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (selected is null)
        {
            node.Parent = null;
            Roots.Add(node);
            return;
        }

        var siblings = SiblingsOf(selected);
        node.Parent = selected.Parent;
        siblings.Insert(siblings.IndexOf(selected) + 1, node);
    }

    public void Remove(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        SiblingsOf(node).Remove(node);
        node.Parent = null;
    }

    /// <summary>Up one place; the first of a group leaves it, landing before the group.</summary>
    public bool MoveUp(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var siblings = SiblingsOf(node);
        var index = siblings.IndexOf(node);
        if (index > 0)
        {
            (siblings[index - 1], siblings[index]) = (siblings[index], siblings[index - 1]);
            return true;
        }

        if (node.Parent is not { } parent)
        {
            return false;
        }

        siblings.RemoveAt(index);
        var outer = SiblingsOf(parent);
        outer.Insert(outer.IndexOf(parent), node);
        node.Parent = parent.Parent;
        return true;
    }

    /// <summary>Down one place; the last of a group leaves it, landing after the group.</summary>
    public bool MoveDown(EditorNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var siblings = SiblingsOf(node);
        var index = siblings.IndexOf(node);
        if (index < siblings.Count - 1)
        {
            (siblings[index + 1], siblings[index]) = (siblings[index], siblings[index + 1]);
            return true;
        }

        if (node.Parent is not { } parent)
        {
            return false;
        }

        siblings.RemoveAt(index);
        var outer = SiblingsOf(parent);
        outer.Insert(outer.IndexOf(parent) + 1, node);
        node.Parent = parent.Parent;
        return true;
    }

    /// <summary>Drag and drop: before or after <paramref name="target"/>, or into it when it is a group. False when it would go inside itself.</summary>
    public bool MoveTo(EditorNode node, EditorNode target, DropPosition position)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(target);
        if (target.IsInside(node) || (position == DropPosition.Into && !target.IsGroup))
        {
            return false;
        }

        Remove(node);
        if (position == DropPosition.Into)
        {
            node.Parent = target;
            target.Children.Insert(0, node);
            target.Expanded = true;
            return true;
        }

        var siblings = SiblingsOf(target);
        node.Parent = target.Parent;
        siblings.Insert(siblings.IndexOf(target) + (position == DropPosition.After ? 1 : 0), node);
        return true;
    }

    /// <summary>Runs the domain's validation and puts each problem on its node (live problems replace earlier ones).</summary>
    public void Validate()
    {
        var sequence = ToSequence();
        var result = SequenceValidator.Validate(sequence);
        var count = 0;
        foreach (var node in All())
        {
            node.Problems.Clear();
            count++;
            if (!node.IsGroup)
            {
                node.ParseSuccessCodes(out var valid);
                if (!valid)
                {
                    node.Problems.Add(new NodeProblem("successCodes", "must be whole numbers separated by spaces", true, false));
                }
            }
        }

        SequenceProblems.Clear();
        foreach (var problem in result.Problems)
        {
            var target = problem.Path.Length == 0 ? SequenceProblems : _byPath.GetValueOrDefault(problem.Path)?.Problems;
            target?.Add(new NodeProblem(problem.Field, problem.Message, problem.Severity == ValidationSeverity.Error, false));
        }

        NodeCount = count;
        ErrorCount = SequenceProblems.Count(p => p.IsError) + All().Sum(n => n.Problems.Count(p => p.IsError));
    }

    /// <summary>
    /// Puts a refused save's field errors on the nodes they name (<c>nodes[2/0/3].settings.CommandLine</c>), by
    /// the paths of the document that was sent.
    /// </summary>
    public void ApplyServerErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var node in All())
        {
            node.Problems.RemoveAll(p => p.FromServer);
        }

        SequenceProblems.RemoveAll(p => p.FromServer);
        foreach (var (key, messages) in errors)
        {
            var match = NodeErrorKey().Match(key);
            var target = match.Success ? _byPath.GetValueOrDefault(match.Groups["path"].Value)?.Problems : null;
            var field = match.Success ? match.Groups["field"].Value : key;
            var list = target ?? SequenceProblems;
            foreach (var message in messages.Where(m => !list.Any(p => p.Field == field && p.Message == m)))
            {
                list.Add(new NodeProblem(field, message, true, true));
            }
        }

        ErrorCount = SequenceProblems.Count(p => p.IsError) + All().Sum(n => n.Problems.Count(p => p.IsError));
    }

    [GeneratedRegex(@"^nodes\[(?<path>[0-9/]+)\]\.(?<field>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeErrorKey();

    private static EditorNode Convert(TaskSequenceNode node, EditorNode? parent)
    {
        EditorNode result;
        switch (node)
        {
            case GroupNode group:
                result = new EditorNode { Id = node.Id is { Length: > 0 } id ? id : EditorNode.NewId(), IsGroup = true };
                foreach (var child in group.Children)
                {
                    result.Children.Add(Convert(child, result));
                }

                break;
            case StepNode step:
                result = new EditorNode
                {
                    Id = node.Id is { Length: > 0 } stepId ? stepId : EditorNode.NewId(),
                    Type = step.Type,
                    SuccessCodes = step.SuccessCodes is null ? "" : string.Join(' ', step.SuccessCodes.Select(c => c.ToString(CultureInfo.InvariantCulture))),
                    TimeoutMinutes = step.TimeoutMinutes,
                    RetryOnUnexpectedRestart = step.RetryOnUnexpectedRestart,
                    RunIn = step.RunIn,
                    ImportedAction = step.ImportedAction,
                };
                foreach (var (name, value) in step.Settings)
                {
                    result.Settings[name] = value;
                }

                break;
            default:
                throw new NotSupportedException($"node kind {node.GetType().Name} is not known to the designer");
        }

        result.Name = node.Name;
        result.Description = node.Description ?? "";
        result.Disabled = node.Disabled;
        result.ContinueOnError = node.ContinueOnError;
        result.Condition = node.Condition is null ? null : ConditionModel.From(node.Condition);
        result.Parent = parent;
        return result;
    }

    private static List<TaskSequenceNode> ToNodes(List<EditorNode> nodes, string parentPath, Dictionary<string, EditorNode> byPath)
    {
        var result = new List<TaskSequenceNode>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var path = NodePath.Child(parentPath, i);
            byPath[path] = node;
            var description = string.IsNullOrWhiteSpace(node.Description) ? null : node.Description;
            var condition = node.Condition?.ToCondition();
            result.Add(node.IsGroup
                ? new GroupNode
                {
                    Id = node.Id, Name = node.Name, Description = description, Disabled = node.Disabled, ContinueOnError = node.ContinueOnError,
                    Condition = condition, Children = ToNodes(node.Children, path, byPath),
                }
                : new StepNode
                {
                    Id = node.Id, Name = node.Name, Description = description, Disabled = node.Disabled, ContinueOnError = node.ContinueOnError,
                    Condition = condition, Type = node.Type,
                    Settings = new Dictionary<string, string>(node.Settings, StringComparer.OrdinalIgnoreCase),
                    SuccessCodes = node.ParseSuccessCodes(out _),
                    TimeoutMinutes = node.TimeoutMinutes,
                    RetryOnUnexpectedRestart = node.RetryOnUnexpectedRestart,
                    RunIn = node.RunIn,
                    ImportedAction = node.ImportedAction,
                });
        }

        return result;
    }

    private static IEnumerable<EditorNode> Walk(List<EditorNode> nodes)
    {
        foreach (var node in nodes)
        {
            yield return node;
            foreach (var inner in Walk(node.Children))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<(EditorNode, int)> Visible(List<EditorNode> nodes, int depth)
    {
        foreach (var node in nodes)
        {
            yield return (node, depth);
            if (node.IsGroup && node.Expanded)
            {
                foreach (var inner in Visible(node.Children, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }
}
