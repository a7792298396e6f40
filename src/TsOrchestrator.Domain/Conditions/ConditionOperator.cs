namespace TsOrchestrator.Domain.Conditions;

/// <summary>Comparison operators of condition expressions, with Configuration Manager's names.</summary>
public enum ConditionOperator
{
    Exists,
    NotExists,
    Equals,
    NotEquals,
    Greater,
    GreaterEqual,
    Less,
    LessEqual,

    /// <summary>Case-insensitive wildcard match: <c>*</c> any run of characters, <c>?</c> one character.</summary>
    Like,
}
