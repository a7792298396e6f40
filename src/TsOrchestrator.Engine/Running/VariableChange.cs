namespace TsOrchestrator.Engine.Running;

/// <summary>One change of a run variable: added (no <see cref="Before"/>), changed, or removed (no <see cref="After"/>).</summary>
public sealed record VariableChange(string Name, string? Before, string? After);
