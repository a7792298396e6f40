namespace TsOrchestrator.Domain.Conditions;

/// <summary>A condition could not be evaluated (e.g. a WMI query failed without ignore-failure).</summary>
public sealed class ConditionEvaluationException : Exception
{
    public ConditionEvaluationException(string message)
        : base(message)
    {
    }

    public ConditionEvaluationException()
    {
    }

    public ConditionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
