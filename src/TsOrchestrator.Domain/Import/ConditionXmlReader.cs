using System.Xml.Linq;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Serialization;
using static TsOrchestrator.Domain.Import.ConfigMgrXmlImporter;

namespace TsOrchestrator.Domain.Import;

/// <summary>
/// Reads <c>&lt;condition&gt;</c>: operators and/or/not to any depth, ConfigMgr's OS-version wrapper, and
/// every expression type. Sibling expressions without an operator are an implicit All; an empty
/// condition is none.
/// </summary>
internal sealed class ConditionXmlReader(string source)
{
    public Condition? Read(XElement? condition)
    {
        var parts = condition?.Elements().Select(Convert).OfType<Condition>().ToList() ?? [];
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new IfStatement { Kind = IfKind.All, Conditions = parts },
        };
    }

    private Condition? Convert(XElement element) => element.Name.LocalName switch
    {
        "operator" => new IfStatement
        {
            Kind = ((string?)element.Attribute("type"))?.ToUpperInvariant() switch
            {
                "AND" => IfKind.All,
                "OR" => IfKind.Any,
                "NOT" => IfKind.None,
                var other => throw Error(element, $"unknown condition operator type '{other}'"),
            },
            Conditions = [.. element.Elements().Select(Convert).OfType<Condition>()],
        },

        // ConfigMgr's "Operating system version" condition: an Any of platforms, each an All of its WMI tests.
        "osConditionGroup" => new IfStatement { Kind = IfKind.Any, Conditions = [.. element.Elements().Select(Convert).OfType<Condition>()] },
        "osExpressionGroup" => new IfStatement { Kind = IfKind.All, Conditions = [.. element.Elements().Select(Convert).OfType<Condition>()] },
        "platformKey" => null, // editor metadata; the group's expressions carry the test
        "expression" => Expression(element),
        var other => throw Error(element, $"unknown condition element <{other}>"),
    };

    private Condition Expression(XElement expression)
    {
        var fields = expression.Elements("variable")
            .GroupBy(v => (string?)v.Attribute("name") ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        string? Field(string name) => fields.TryGetValue(name, out var value) ? value : null;

        var type = (string?)expression.Attribute("type") ?? "";
        return type switch
        {
            "SMS_TaskSequence_VariableConditionExpression" => new VariableCondition
            {
                Variable = Field("Variable") ?? throw Error(expression, "a variable condition without a Variable"),
                Operator = Operator(expression, Field("Operator") ?? "equals"),
                Value = Field("Value"),
            },
            "SMS_TaskSequence_WMIConditionExpression" => new WmiQueryCondition
            {
                Namespace = Blank(Field("Namespace")) ?? @"root\cimv2",
                Query = Field("Query") ?? "",
                IgnoreQueryFailure = Flag(expression, "ignoreQueryFailure"),
            },
            "SMS_TaskSequence_OSConditionExpression" => new OsVersionCondition
            {
                Platform = "windows",
                Architecture = Blank(Field("Architecture"))?.ToLowerInvariant(),
                Version = Blank(Field("Version")),
                Operator = Operator(expression, Field("Operator") ?? "equals"),
            },
            "SMS_TaskSequence_FileConditionExpression" => new FileCondition
            {
                Path = Field("Path") ?? "",
                Version = Blank(Field("Version")),
                VersionOperator = Operator(expression, Field("VersionOperator") ?? "equals"),
                Timestamp = Blank(Field("DateTime")) is { } stamp && DateTimeOffset.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null,
                TimestampOperator = Operator(expression, Field("DateTimeOperator") ?? "equals"),
            },
            "SMS_TaskSequence_FolderConditionExpression" => new FolderCondition
            {
                Path = Field("Path") ?? "",
                Timestamp = Blank(Field("DateTime")) is { } stamp && DateTimeOffset.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null,
                TimestampOperator = Operator(expression, Field("DateTimeOperator") ?? "equals"),
            },
            "SMS_TaskSequence_RegistryConditionExpression" => new RegistryCondition
            {
                KeyPath = Field("KeyPath") ?? "",
                ValueName = Field("Value"),
                ValueType = Blank(Field("Type")) ?? "REG_SZ",
                Operator = Operator(expression, Field("Operator") ?? "exists"),
                Data = Field("Data"),
            },
            "SMS_TaskSequence_SoftwareConditionExpression" => new InstalledSoftwareCondition
            {
                ProductCode = Blank(Field("ProductCode")),
                UpgradeCode = Blank(Field("UpgradeCode")),
                ProductName = Blank(Field("ProductName")),
                Version = Blank(Field("Version")),
                AnyVersion = string.Equals(Field("Operator"), "AnyVersion", StringComparison.OrdinalIgnoreCase),
            },
            _ => throw Error(expression, $"condition expression type '{type}' is not supported"),
        };
    }

    private ConditionOperator Operator(XElement expression, string text) => text.ToUpperInvariant() switch
    {
        "EQUALS" => ConditionOperator.Equals,
        "NOTEQUALS" => ConditionOperator.NotEquals,
        "EXISTS" => ConditionOperator.Exists,
        "NOTEXISTS" => ConditionOperator.NotExists,
        "GREATER" => ConditionOperator.Greater,
        "GREATEREQUAL" => ConditionOperator.GreaterEqual,
        "LESS" => ConditionOperator.Less,
        "LESSEQUAL" => ConditionOperator.LessEqual,
        "LIKE" => ConditionOperator.Like,
        _ => throw Error(expression, $"unknown condition operator '{text}'"),
    };

    private SequenceFormatException Error(XElement element, string message) => new(source, LineOf(element), null, message);
}
