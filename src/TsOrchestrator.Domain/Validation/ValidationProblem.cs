namespace TsOrchestrator.Domain.Validation;

/// <summary>One problem found in a task sequence.</summary>
/// <param name="Path">The node path (<c>2/0/3</c>, see <see cref="Sequences.NodePath"/>), or empty for the sequence's own properties.</param>
/// <param name="Field">The property or setting at fault, as written in the native format (<c>settings.CommandLine</c>, <c>condition.conditions[1].value</c>).</param>
/// <param name="Message">What is wrong, for a person.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record ValidationProblem(string Path, string Field, string Message, ValidationSeverity Severity)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Path.Length == 0 ? Field : $"{Path} {Field}";
        return $"{Severity}: {where}: {Message}";
    }
}
