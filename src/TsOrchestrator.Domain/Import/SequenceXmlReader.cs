using System.Globalization;
using System.Xml.Linq;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using static TsOrchestrator.Domain.Import.ConfigMgrXmlImporter;

namespace TsOrchestrator.Domain.Import;

/// <summary>Reads groups and steps; children are matched by tag name, never by position (MDT varies the order).</summary>
internal sealed class SequenceXmlReader(string source)
{
    private static readonly (string MdtName, string Setting)[] MdtRunAsSettings =
    [
        ("SMSTSRunCommandLineUserName", "UserName"),
        ("SMSTSRunCommandLineUserPassword", "UserPassword"),
    ];

    private readonly ConditionXmlReader _conditions = new(source);

    /// <summary>
    /// The nodes below <paramref name="parent"/>, in document order. An explicit stack of open groups rather than
    /// recursion: the document decides the depth, and a group is built when its last child has been read.
    /// </summary>
    public List<TaskSequenceNode> ReadChildren(XElement parent, CancellationToken cancellationToken)
    {
        var open = new Stack<OpenGroup>();
        open.Push(new OpenGroup(parent));
        while (true)
        {
            var group = open.Peek();
            if (group.NextChild() is not { } child)
            {
                open.Pop();
                if (open.Count == 0)
                {
                    return group.Nodes;
                }

                open.Peek().Nodes.Add(Group(group));
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            switch (child.Name.LocalName)
            {
                case "group":
                    open.Push(new OpenGroup(child));
                    break;
                case "step":
                case "subtasksequence":
                    group.Nodes.Add(ReadStep(child));
                    break;
            }
        }
    }

    private GroupNode Group(OpenGroup group)
    {
        var element = group.Element;
        return new GroupNode
        {
            Name = (string?)element.Attribute("name") ?? "",
            Description = Blank((string?)element.Attribute("description")),
            Disabled = Flag(element, "disable"),
            ContinueOnError = Flag(element, "continueOnError"),
            Condition = _conditions.Read(element.Element("condition")),
            Children = group.Nodes,
        };
    }

    private StepNode ReadStep(XElement step)
    {
        var xmlType = Blank((string?)step.Attribute("type"));
        var action = Blank(step.Element("action")?.Value);
        var descriptor = xmlType is null
            ? StepCatalog.Get(StepTypeIds.RunCommandLine) // MDT's typeless steps run their action line
            : StepCatalog.FindByXmlType(xmlType) ??
              (step.Name.LocalName == "subtasksequence" ? StepCatalog.Get(StepTypeIds.RunTaskSequence) : StepCatalog.Get(StepTypeIds.ImportedStep));

        var settings = ReadSettings(step.Element("defaultVarList"));
        RenameMdtRunAsSettings(descriptor, settings);
        if (descriptor.TypeId == StepTypeIds.ImportedStep)
        {
            settings["OriginalType"] = xmlType!;
        }
        else if (descriptor.TypeId == StepTypeIds.RunCommandLine && string.IsNullOrEmpty(settings.GetValueOrDefault("CommandLine")) && action is not null)
        {
            settings["CommandLine"] = action;
        }

        return new StepNode
        {
            Name = (string?)step.Attribute("name") ?? "",
            Description = Blank((string?)step.Attribute("description")),
            Disabled = Flag(step, "disable"),
            ContinueOnError = Flag(step, "continueOnError"),
            Condition = _conditions.Read(step.Element("condition")),
            Type = descriptor.TypeId,
            Settings = settings,
            SuccessCodes = SuccessCodes(step),
            TimeoutMinutes = Integer(step, "timeout") is > 0 and var seconds ? (int)Math.Ceiling(seconds / 60.0) : null,
            RetryOnUnexpectedRestart = Integer(step, "retryCount") is > 0 and var retries ? retries : null,
            RunIn = ((string?)step.Attribute("runIn"))?.ToUpperInvariant() switch
            {
                "WINPE" => StepRunIn.BootImage,
                "FULLOS" => StepRunIn.FullOs,
                _ => StepRunIn.Any,
            },
            ImportedAction = action,
        };
    }

    /// <summary>
    /// MDT's editor writes Run Command Line's run-as account with the variable's name as its property
    /// (<c>SMSTSRunCommandLineUserName</c>), where Configuration Manager writes the parameter (<c>UserName</c>): the same
    /// setting either way.
    /// </summary>
    private static void RenameMdtRunAsSettings(StepTypeDescriptor descriptor, Dictionary<string, string> settings)
    {
        if (descriptor.TypeId != StepTypeIds.RunCommandLine)
        {
            return;
        }

        foreach (var (mdtName, setting) in MdtRunAsSettings)
        {
            if (settings.Remove(mdtName, out var value) && (value.Length > 0 || !settings.ContainsKey(setting)))
            {
                settings[setting] = value;
            }
        }
    }

    /// <summary>
    /// Step parameters keyed by the variable's <c>property</c> (the step's parameter name). When two
    /// variables feed one parameter (<c>Message</c> and <c>SMSRebootMessage</c>), the non-empty value wins.
    /// </summary>
    private static Dictionary<string, string> ReadSettings(XElement? list)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in list?.Elements("variable") ?? [])
        {
            var key = Blank((string?)variable.Attribute("property")) ?? Blank((string?)variable.Attribute("name"));
            if (key is null)
            {
                continue;
            }

            var value = variable.Value;
            if (!settings.TryGetValue(key, out var existing) || (existing.Length == 0 && value.Length > 0))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static List<int>? SuccessCodes(XElement step)
    {
        var text = (string?)step.Attribute("successCodeList") ?? (string?)step.Attribute("successCodes");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var codes = new List<int>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && !codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    /// <summary>A group whose children are being read.</summary>
    private sealed class OpenGroup(XElement element)
    {
        private XNode? _next = element.FirstNode;

        public XElement Element { get; } = element;
        public List<TaskSequenceNode> Nodes { get; } = [];

        public XElement? NextChild()
        {
            while (_next is not null and not XElement)
            {
                _next = _next.NextNode;
            }

            var child = (XElement?)_next;
            _next = _next?.NextNode;
            return child;
        }
    }
}
