using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;

namespace TsOrchestrator.Agent;

/// <summary>The agent's own files, serialised without reflection so that the agent trims and compiles ahead of time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(CheckpointRecord))]
[JsonSerializable(typeof(DeviceIdentity))]
[JsonSerializable(typeof(List<DynamicVariableRule>))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
