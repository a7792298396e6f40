using System.Text.Encodings.Web;
using System.Text.Json;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;

namespace TsOrchestrator.Engine.Elsa;

/// <summary>
/// Writes a compiled task sequence as an Elsa 3 workflow definition: a root <c>Elsa.Sequence</c>, one activity per
/// compiled step or group (groups as <c>Elsa.Sequence</c>, steps as <c>TsOrchestrator.&lt;step type&gt;</c>, a child
/// sequence's nodes inside its Run Task Sequence activity), each conditioned node wrapped in an <c>Elsa.If</c>.
/// Pure and deterministic: ids come from node paths, inputs are sorted, secrets never written.
/// </summary>
public static class ElsaWorkflowExporter
{
    /// <summary>Elsa treats definitions from tooling version 3 or later as current.</summary>
    public const string ToolVersion = "3.0.0.0";

    /// <summary>Prefix of the custom activity types (<c>TsOrchestrator.RunCommandLine</c>).</summary>
    public const string ActivityTypePrefix = "TsOrchestrator.";

    public const string SequenceType = "Elsa.Sequence";
    public const string IfType = "Elsa.If";

    // Built once: options per call is what made Elsa's own serialisation slow (see PERFORMANCE.md).
    private static readonly JsonSerializerOptions DocumentOptions = new(ElsaJsonContext.Default.Options)
    {
        // Names in any language stay readable; the document is served as JSON, never inlined in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions CompactOptions = new(ElsaJsonContext.Default.Options) { WriteIndented = false };

    // Keys of an activity Elsa reads itself: an input of the same name is renamed.
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "activities", "variables",
        "condition", "then", "else", "canStartWorkflow", "runAsynchronously",
    };

    /// <summary>Compiles <paramref name="sequence"/> (children from <paramref name="children"/>) and exports it.</summary>
    public static ElsaWorkflowDefinition Export(TaskSequence sequence, ITaskSequenceResolver? children = null, ElsaExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        options ??= new ElsaExportOptions();
        return Export(WorkflowCompiler.Compile(sequence, children), options with { Description = options.Description ?? sequence.Description });
    }

    public static ElsaWorkflowDefinition Export(WorkflowDefinition workflow, ElsaExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        options ??= new ElsaExportOptions();
        var builder = new Builder(workflow);
        var rootId = ElsaActivityIds.Root(workflow.SequenceId);
        var rootNodeId = $"Workflow1:{rootId}";
        var root = new ElsaActivity
        {
            Id = rootId,
            NodeId = rootNodeId,
            Type = SequenceType,
            CustomProperties = new ElsaActivityProperties { Kind = "root" },
            Metadata = new ElsaActivityMetadata { DisplayText = workflow.SequenceName, Description = options.Description },
            Activities = builder.Children(-1, rootNodeId),
            Variables = [],
        };

        return new ElsaWorkflowDefinition
        {
            Id = $"{workflow.SequenceId}-v{workflow.SequenceVersion}",
            DefinitionId = workflow.SequenceId,
            Name = workflow.SequenceName,
            Description = options.Description,
            CreatedAt = options.CreatedAt,
            Version = workflow.SequenceVersion,
            Variables = [.. workflow.Variables.OrderBy(static v => v.Key, StringComparer.OrdinalIgnoreCase)
                .Select(v => new ElsaVariable { Id = ElsaActivityIds.Variable(workflow.SequenceId, v.Key), Name = v.Key, Value = v.Value })],
            CustomProperties = new ElsaWorkflowProperties
            {
                SequenceId = workflow.SequenceId,
                SequenceVersion = workflow.SequenceVersion,
                ContentHash = workflow.ContentHash,
                HostFunctions = builder.NeedsDevice ? [$"{ElsaConditionScript.DeviceFunction}(condition): true when the device meets a condition only it can test (file, folder, registry, WMI, OS, installed software)"] : null,
            },
            IsLatest = options.IsLatest,
            IsPublished = true,
            Root = root,
        };
    }

    /// <summary>The definition as UTF-8 JSON (indented, ending in a newline): byte-identical for the same input.</summary>
    public static byte[] Serialize(ElsaWorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(definition, DocumentOptions.GetTypeInfo(typeof(ElsaWorkflowDefinition)));
        var withNewline = new byte[bytes.Length + 1];
        bytes.CopyTo(withNewline, 0);
        withNewline[^1] = (byte)'\n';
        return withNewline;
    }

    public static byte[] ExportToUtf8(TaskSequence sequence, ITaskSequenceResolver? children = null, ElsaExportOptions? options = null) =>
        Serialize(Export(sequence, children, options));

    private sealed class Builder(WorkflowDefinition workflow)
    {
        public bool NeedsDevice { get; private set; }

        public List<ElsaActivity> Children(int parent, string parentNodeId)
        {
            var children = new List<ElsaActivity>();
            var index = parent < 0 ? (workflow.Activities.Count > 0 ? 0 : -1) : workflow[parent].FirstChild;
            for (; index >= 0; index = workflow[index].NextSibling)
            {
                children.Add(Node(workflow[index], parentNodeId));
            }

            return children;
        }

        private ElsaActivity Node(Activity activity, string parentNodeId)
        {
            if (activity.Condition is null)
            {
                return Plain(activity, parentNodeId);
            }

            var id = ElsaActivityIds.Condition(workflow.SequenceId, activity.Path);
            var nodeId = $"{parentNodeId}:{id}";
            var script = ElsaConditionScript.For(activity.Condition, CompactOptions, out var needsDevice);
            NeedsDevice |= needsDevice;
            return new ElsaActivity
            {
                Id = id,
                NodeId = nodeId,
                Type = IfType,
                CustomProperties = new ElsaActivityProperties { Kind = "condition", Path = activity.Path, Condition = activity.Condition },
                Metadata = new ElsaActivityMetadata { DisplayText = $"If: {activity.Name}" },
                Condition = ElsaInput.JavaScriptBoolean(script),
                Then = Plain(activity, nodeId),
            };
        }

        private ElsaActivity Plain(Activity activity, string parentNodeId)
        {
            var id = ElsaActivityIds.Node(workflow.SequenceId, activity.Path);
            var nodeId = $"{parentNodeId}:{id}";
            var properties = new ElsaActivityProperties
            {
                Kind = JsonNamingPolicy.CamelCase.ConvertName(activity.Kind.ToString()),
                Path = activity.Path,
                StepType = activity.StepType,
                Disabled = activity.Disabled,
                ContinueOnError = activity.ContinueOnError,
                CompileTimeFailure = activity.CompileTimeFailure,
            };
            var metadata = new ElsaActivityMetadata { DisplayText = activity.Name, Description = activity.Description };
            if (activity.Kind == ActivityKind.Group)
            {
                return new ElsaActivity
                {
                    Id = id, NodeId = nodeId, Type = SequenceType, CustomProperties = properties, Metadata = metadata,
                    Activities = Children(activity.Index, nodeId), Variables = [],
                };
            }

            var inputs = Inputs(activity, out var omitted, out var masked, out var renamed);
            return new ElsaActivity
            {
                Id = id,
                NodeId = nodeId,
                Type = ActivityTypePrefix + activity.StepType,
                CustomProperties = properties with
                {
                    SuccessCodes = activity.HasExitCode ? activity.SuccessCodes : null,
                    TimeoutMinutes = activity.TimeoutMinutes,
                    RetryOnUnexpectedRestart = activity.RetryOnUnexpectedRestart,
                    OmittedSecrets = omitted,
                    MaskedSecrets = masked,
                    RenamedInputs = renamed,
                },
                Metadata = metadata,
                Activities = activity.Kind == ActivityKind.RunChildSequence && activity.FirstChild >= 0 ? Children(activity.Index, nodeId) : null,
                Inputs = inputs.Count == 0 ? null : inputs,
            };
        }

        private static SortedDictionary<string, object> Inputs(Activity activity, out IReadOnlyList<string>? omitted,
            out IReadOnlyList<string>? masked, out IReadOnlyDictionary<string, string>? renamed)
        {
            var inputs = new SortedDictionary<string, object>(StringComparer.Ordinal);
            var omittedNames = new List<string>();
            var maskedNames = new List<string>();
            var renames = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in activity.Settings.OrderBy(static s => s.Key, StringComparer.Ordinal))
            {
                if (activity.SecretSettings.Contains(name))
                {
                    omittedNames.Add(name);
                    continue;
                }

                var text = value;
                if (string.Equals(activity.StepType, StepTypeIds.SetDynamicVariables, StringComparison.Ordinal) &&
                    string.Equals(name, "Rules", StringComparison.OrdinalIgnoreCase))
                {
                    var before = maskedNames.Count;
                    text = ElsaSecretValues.MaskDynamicVariableRules(value, maskedNames);
                    for (var i = before; i < maskedNames.Count; i++)
                    {
                        maskedNames[i] = $"{name}: {maskedNames[i]}";
                    }
                }
                else if (string.Equals(activity.StepType, StepTypeIds.SetTaskSequenceVariable, StringComparison.Ordinal) &&
                         string.Equals(name, "VariableValue", StringComparison.OrdinalIgnoreCase) &&
                         bool.TryParse(activity.Settings.GetValueOrDefault("DoNotShowVariableValue"), out var hidden) && hidden)
                {
                    // "Do not display this value" is how Configuration Manager marks a value as sensitive.
                    text = ElsaSecretValues.Mask;
                    maskedNames.Add(name);
                }

                var key = JsonNamingPolicy.CamelCase.ConvertName(name);
                if (ReservedKeys.Contains(key) || inputs.ContainsKey(key))
                {
                    var original = key;
                    key += "Setting";
                    for (var n = 2; inputs.ContainsKey(key); n++)
                    {
                        key = $"{original}Setting{n}";
                    }

                    renames[key] = name;
                }

                inputs[key] = ElsaInput.Literal(text);
            }

            omitted = omittedNames.Count == 0 ? null : omittedNames;
            masked = maskedNames.Count == 0 ? null : maskedNames;
            renamed = renames.Count == 0 ? null : renames;
            return inputs;
        }
    }
}
