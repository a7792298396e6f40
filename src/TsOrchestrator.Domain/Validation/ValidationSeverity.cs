namespace TsOrchestrator.Domain.Validation;

/// <summary>How serious a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The sequence cannot be saved or would fail at run time.</summary>
    Error,

    /// <summary>Allowed, but probably not what the author wants (or tools will struggle with it).</summary>
    Warning,
}
