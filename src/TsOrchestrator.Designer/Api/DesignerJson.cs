using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Designer.Api;

/// <summary>
/// The admin API's JSON, as the CLI reproduces it too (the designer must not reference the server): web
/// defaults, string enums and the native format's converters, so a saved document is what the server's
/// strict reader expects.
/// </summary>
internal static class DesignerJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new SortedStringMapConverter());
        options.Converters.Add(new CamelCaseEnumConverter<ConditionOperator>());
        options.Converters.Add(new CamelCaseEnumConverter<IfKind>());
        options.Converters.Add(new CamelCaseEnumConverter<StepRunIn>());
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
