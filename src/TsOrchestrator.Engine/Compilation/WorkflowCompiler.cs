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

        public void VisitSequence(TaskSequence sequence, int parent, string pathPrefix, List<string> chain) =>
            VisitNodes(sequence.Nodes, parent, pathPrefix, chain);

        private void VisitNodes(IReadOnlyList<TaskSequenceNode> nodes, int parent, string parentPath, List<string> chain)
        {
            var previous = -1;
            for (var i = 0; i < nodes.Count; i++)
            {
                var index = Activities.Count;
                if (previous >= 0)
                {
                    Activities[previous].NextSibling = index;
                }
                else if (parent >= 0)
                {
                    Activities[parent].FirstChild = index;
                }

                Visit(nodes[i], parent, NodePath.Child(parentPath, i), chain);
                previous = index;
            }
        }

        private void Visit(TaskSequenceNode node, int parent, string path, List<string> chain)
        {
            var index = Activities.Count;
            switch (node)
            {
                case GroupNode group:
                    Activities.Add(Common(node, index, parent, path, ActivityKind.Group));
                    VisitNodes(group.Children, index, path, chain);
                    break;
                case StepNode step:
                    VisitStep(step, index, parent, path, chain);
                    break;
                default:
                    throw new CompilationException($"node {path}: unknown node kind {node.GetType().Name}");
            }
        }

        private void VisitStep(StepNode step, int index, int parent, string path, List<string> chain)
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
                return;
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
                return;
            }

            Activities.Add(activity with { SeedVariables = child.Variables });
            _childContent.Add(NativeFormat.SerializeToUtf8(child));
            chain.Add(childId);
            VisitSequence(child, index, path, chain);
            chain.RemoveAt(chain.Count - 1);
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
    }
}
