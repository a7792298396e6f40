using System.Globalization;
using System.Xml.Linq;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using static TsOrchestrator.Domain.Import.ConfigMgrXmlImporter;

namespace TsOrchestrator.Domain.Import;

/// <summary>Reads groups and steps; children are matched by tag name, never by position (MDT varies the order).</summary>
internal sealed class SequenceXmlReader(string source)
{
    private readonly ConditionXmlReader _conditions = new(source);

    public List<TaskSequenceNode> ReadChildren(XElement parent)
    {
        var nodes = new List<TaskSequenceNode>();
        foreach (var child in parent.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "group":
                    nodes.Add(new GroupNode
                    {
                        Name = (string?)child.Attribute("name") ?? "",
                        Description = Blank((string?)child.Attribute("description")),
                        Disabled = Flag(child, "disable"),
                        ContinueOnError = Flag(child, "continueOnError"),
                        Condition = _conditions.Read(child.Element("condition")),
                        Children = ReadChildren(child),
                    });
                    break;
                case "step":
                case "subtasksequence":
                    nodes.Add(ReadStep(child));
                    break;
            }
        }

        return nodes;
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
}
