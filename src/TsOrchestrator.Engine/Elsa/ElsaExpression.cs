namespace TsOrchestrator.Engine.Elsa;

/// <summary>An Elsa expression: its syntax (<c>Literal</c>, <c>JavaScript</c>) and its text.</summary>
public sealed record ElsaExpression(string Type, string Value)
{
    public const string LiteralType = "Literal";
    public const string JavaScriptType = "JavaScript";
}
