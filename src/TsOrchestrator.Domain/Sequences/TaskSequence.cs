using System.Text.Json.Serialization;

namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// A task sequence: properties plus the root's nodes in execution order. Immutable; every save
/// of an edited copy becomes a new <see cref="Version"/>.
/// </summary>
public sealed record TaskSequence
{
    /// <summary>Native format version written into every file.</summary>
    [JsonPropertyOrder(-20)]
    public int FormatVersion { get; init; } = NativeFormatVersion.Current;

    [JsonPropertyOrder(-19)]
    public required string Id { get; init; }

    /// <summary>1–100 characters.</summary>
    [JsonPropertyOrder(-18)]
    public required string Name { get; init; }

    /// <summary>At most 255 characters.</summary>
    [JsonPropertyOrder(-17)]
    public string? Description { get; init; }

    [JsonPropertyOrder(-16)]
    public int Version { get; init; } = 1;

    /// <summary>Folder path in the console, <c>/</c>-separated; null for the root folder.</summary>
    [JsonPropertyOrder(-15)]
    public string? Folder { get; init; }

    /// <summary>
    /// Configuration Manager's "Disable this task sequence on computers where it is deployed", inverted:
    /// a disabled sequence's deployments are not offered and do not start.
    /// </summary>
    [JsonPropertyOrder(-14)]
    public bool Enabled { get; init; } = true;

    [JsonPropertyOrder(-13)]
    public SoftwareCenterProperties SoftwareCenter { get; init; } = new();

    [JsonPropertyOrder(-12)]
    public AdvancedProperties Advanced { get; init; } = new();

    [JsonPropertyOrder(-11)]
    public UserNotificationProperties UserNotification { get; init; } = new();

    [JsonPropertyOrder(-10)]
    public PerformanceProperties Performance { get; init; } = new();

    /// <summary>Variables seeded before the first step (ConfigMgr/MDT <c>globalVarList</c>).</summary>
    [JsonPropertyOrder(-9)]
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The root group's children.</summary>
    [JsonPropertyOrder(-8)]
    public IReadOnlyList<TaskSequenceNode> Nodes { get; init; } = [];
}
