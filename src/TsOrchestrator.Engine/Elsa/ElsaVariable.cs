namespace TsOrchestrator.Engine.Elsa;

/// <summary>A workflow variable: the sequence's own variables (<c>globalVarList</c>) with their start values.</summary>
public sealed record ElsaVariable
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string TypeName { get; init; } = "String";
    public bool IsArray { get; init; }
    public string? Value { get; init; }
}
