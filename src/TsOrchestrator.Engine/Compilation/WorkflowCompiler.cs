using System.Security.Cryptography;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Engine.Compilation;

/// <summary>Compiles a task sequence version (and its child sequences, inline) into a workflow definition.</summary>
public static class WorkflowCompiler
{
    /// <summary>Setting under which an imported step's action line reaches the agent.</summary>
    public const string ImportedActionSetting = "ImportedAction";

    public static WorkflowDefinition Compile(TaskSequence sequence, ITaskSequenceResolver? children = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var builder = new Builder(children);
        builder.VisitSequence(sequence, parent: -1, pathPrefix: "", [sequence.Id]);
        return new WorkflowDefinition(sequence.Id, sequence.Name, sequence.Version, builder.Hash(sequence),
            [.. builder.Activities], sequence.Variables);
    }

    private sealed class Builder(ITaskSequenceResolver? children)
    {
        public List<Activity> Activities { get; } = [];
        private readonly List<byte[]> _childContent = [];

        /// <summary>
        /// Lays the nodes out depth first in execution order. An explicit stack of sibling lists rather than recursion: the
        /// document (and the chain of child sequences it runs) decides the depth.
        /// </summary>
        public void VisitSequence(TaskSequence sequence, int parent, string pathPrefix, List<string> chain)
        {
            var open = new Stack<Siblings>();
            open.Push(new Siblings(sequence.Nodes, parent, pathPrefix, EndsChildSequence: false, GroupDepth: 0));
            while (open.Count > 0)
            {
                var siblings = open.Peek();
                if (siblings.Next >= siblings.Nodes.Count)
                {
                    open.Pop();
                    if (siblings.EndsChildSequence)
                    {
                        chain.RemoveAt(chain.Count - 1);
                    }

                    continue;
                }

                var i = siblings.Next++;
                var index = Activities.Count;
                if (siblings.Previous >= 0)
                {
                    Activities[siblings.Previous].NextSibling = index;
                }
                else if (siblings.Parent >= 0)
                {
                    Activities[siblings.Parent].FirstChild = index;
                }

                siblings.Previous = index;
                var path = NodePath.Child(siblings.ParentPath, i);
                switch (siblings.Nodes[i])
                {
                    case GroupNode group:
                        // Each sequence within the readers' limit; a chain of child sequences may lay out deeper.
                        if (siblings.GroupDepth >= SequenceLimits.MaxGroupDepth)
                        {
                            throw new CompilationException($"node {path} ('{group.Name}'): {SequenceLimits.TooDeepGroups}");
                        }

                        Activities.Add(Common(group, index, siblings.Parent, path, ActivityKind.Group));
                        open.Push(new Siblings(group.Children, index, path, EndsChildSequence: false, siblings.GroupDepth + 1));
                        break;
                    case StepNode step:
                        if (VisitStep(step, index, siblings.Parent, path, chain) is { } child)
                        {
                            open.Push(new Siblings(child.Nodes, index, path, EndsChildSequence: true, GroupDepth: 0));
                        }

                        break;
                    default:
                        throw new CompilationException($"node {path}: unknown node kind {siblings.Nodes[i].GetType().Name}");
                }
            }
        }

        /// <summary>Adds the step; a child sequence it runs inline is returned (its id joined to the chain) for its nodes to follow.</summary>
        private TaskSequence? VisitStep(StepNode step, int index, int parent, string path, List<string> chain)
        {
            var type = StepCatalog.Find(step.Type)
                ?? throw new CompilationException($"node {path} ('{step.Name}'): unknown step type '{step.Type}'");
            var kind = type.RunsInEngine ? ActivityKind.SetVariable
                : type.RestartsDevice ? ActivityKind.Restart
                : type.RunsChildSequence ? ActivityKind.RunChildSequence
                : ActivityKind.Step;

            var settings = step.Settings;
            if (step.ImportedAction is { Length: > 0 } action && !settings.ContainsKey(ImportedActionSetting))
            {
                settings = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase) { [ImportedActionSetting] = action };
            }

            var secrets = type.Settings.Where(static s => s.Secret).Select(static s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var activity = Common(step, index, parent, path, kind) with
            {
                StepType = type.TypeId,
                Settings = settings,
                SecretSettings = secrets.Count == 0 ? Activity.EmptyNames : secrets,
                SuccessCodes = step.SuccessCodes ?? type.DefaultSuccessCodes,
                HasExitCode = type.HasExitCode,
                RestartsOnExitCode3010 = type.RestartsOnExitCode3010,
                TimeoutMinutes = step.TimeoutMinutes,
                RetryOnUnexpectedRestart = step.RetryOnUnexpectedRestart ?? type.DefaultRetryOnUnexpectedRestart,
            };

            if (kind != ActivityKind.RunChildSequence)
            {
                Activities.Add(activity);
                return null;
            }

            var childId = settings.GetValueOrDefault("TsPackageID") ?? "";
            if (chain.Contains(childId, StringComparer.OrdinalIgnoreCase))
            {
                throw new CompilationException(
                    $"node {path} ('{step.Name}'): task sequence '{childId}' includes itself ({string.Join(" -> ", chain)} -> {childId})");
            }

            var child = children?.Find(childId);
            if (child is null || !child.Enabled)
            {
                Activities.Add(activity with
                {
                    CompileTimeFailure = child is null
                        ? $"child task sequence '{childId}' was not found"
                        : $"child task sequence '{childId}' ('{child.Name}') is disabled",
                });
                return null;
            }

            Activities.Add(activity with { SeedVariables = child.Variables });
            _childContent.Add(NativeFormat.SerializeToUtf8(child));
            chain.Add(childId);
            return child;
        }

        private static Activity Common(TaskSequenceNode node, int index, int parent, string path, ActivityKind kind) => new()
        {
            Index = index,
            Parent = parent,
            Path = path,
            Name = node.Name,
            Description = node.Description,
            Kind = kind,
            Disabled = node.Disabled,
            ContinueOnError = node.ContinueOnError,
            Condition = node.Condition,
            ConditionVariables = node.Condition is { NeedsDevice: true } c ? ConditionVariableNames.Of(c) : [],
        };

        public string Hash(TaskSequence root)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(NativeFormat.SerializeToUtf8(root));
            foreach (var child in _childContent)
            {
                sha.AppendData(child);
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        /// <summary>The nodes of one group or sequence being laid out, and how far.</summary>
        private sealed record Siblings(IReadOnlyList<TaskSequenceNode> Nodes, int Parent, string ParentPath, bool EndsChildSequence, int GroupDepth)
        {
            public int Next { get; set; }
            public int Previous { get; set; } = -1;
        }
    }
}
