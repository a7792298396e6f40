namespace TsOrchestrator.Engine.Elsa;

/// <summary>An activity input: its value type and the expression that gives it.</summary>
public sealed record ElsaInput(string TypeName, ElsaExpression Expression)
{
    public static ElsaInput Literal(string value) => new("String", new ElsaExpression(ElsaExpression.LiteralType, value));

    public static ElsaInput JavaScriptBoolean(string script) => new("Boolean", new ElsaExpression(ElsaExpression.JavaScriptType, script));
}
