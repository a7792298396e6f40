using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Content.Problems;

/// <summary>API JSON of the site server and of a distribution point: the native format's converters, strict about unknown members.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.AllowOutOfOrderMetadataProperties = true;
        options.MaxDepth = SequenceLimits.MaxJsonDepth; // a task sequence nested to its limits, inside the request or answer around it
        options.Converters.Add(new SortedStringMapConverter());
        options.Converters.Add(new CamelCaseEnumConverter<ConditionOperator>());
        options.Converters.Add(new CamelCaseEnumConverter<IfKind>());
        options.Converters.Add(new CamelCaseEnumConverter<StepRunIn>());
        options.Converters.Add(new JsonStringEnumConverter());
    }
}
