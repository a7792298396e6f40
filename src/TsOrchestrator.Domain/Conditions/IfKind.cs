namespace TsOrchestrator.Domain.Conditions;

/// <summary>How an if-statement combines its conditions.</summary>
public enum IfKind
{
    /// <summary>All conditions are true (and).</summary>
    All,

    /// <summary>Any condition is true (or).</summary>
    Any,

    /// <summary>No condition is true (not any).</summary>
    None,
}
