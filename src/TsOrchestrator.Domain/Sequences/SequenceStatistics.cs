namespace TsOrchestrator.Domain.Sequences;

/// <summary>Counts over a sequence's whole tree, as <c>tsorch inspect</c> prints them.</summary>
public sealed record SequenceStatistics
{
    public required string Name { get; init; }
    public int Groups { get; init; }
    public int Steps { get; init; }
    public int DisabledNodes { get; init; }
    public int ContinueOnErrorNodes { get; init; }

    /// <summary>Groups and steps carrying a condition.</summary>
    public int Conditions { get; init; }

    /// <summary>Steps by catalog type id, sorted by type id.</summary>
    public required IReadOnlyDictionary<string, int> StepTypes { get; init; }

    public static SequenceStatistics Of(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        int groups = 0, steps = 0, disabled = 0, continueOnError = 0, conditions = 0;
        var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, node) in NodePath.Walk(sequence.Nodes))
        {
            if (node is StepNode step)
            {
                steps++;
                types[step.Type] = types.GetValueOrDefault(step.Type) + 1;
            }
            else
            {
                groups++;
            }

            disabled += node.Disabled ? 1 : 0;
            continueOnError += node.ContinueOnError ? 1 : 0;
            conditions += node.Condition is null ? 0 : 1;
        }

        return new SequenceStatistics
        {
            Name = sequence.Name, Groups = groups, Steps = steps, DisabledNodes = disabled,
            ContinueOnErrorNodes = continueOnError, Conditions = conditions, StepTypes = types,
        };
    }
}
