using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Contracts.Serialization;

/// <summary>
/// The server's JSON (its <c>ApiJson.Configure</c>) for its clients, the CLI and the agent, which must not
/// reference the server: web defaults, string enums, and the native format's converters, so a document sent
/// as a request body is the native document the server's strict reader expects.
/// </summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    /// <summary>What <c>--json</c> prints: the same shapes, indented for people and <c>jq</c> alike.</summary>
    public static readonly JsonSerializerOptions Output = Create(indented: true);

    /// <summary>
    /// The same JSON for the bodies of <see cref="Agents.IAgentApi"/> from generated metadata, without reflection: what
    /// the agent uses, so that it trims and compiles ahead of time. A property rather than a field: reading it must not
    /// run this class's static initialiser, whose reflection-based options a compiled agent could not build.
    /// </summary>
    public static JsonSerializerOptions AgentOptions => AgentApiJsonContext.Default.Options;

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
            WriteIndented = indented,
            MaxDepth = SequenceLimits.MaxJsonDepth,
        };
        options.Converters.Add(new SortedStringMapConverter());
        options.Converters.Add(new CamelCaseEnumConverter<ConditionOperator>());
        options.Converters.Add(new CamelCaseEnumConverter<IfKind>());
        options.Converters.Add(new CamelCaseEnumConverter<StepRunIn>());
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
