namespace TsOrchestrator.Designer.Monitoring;

/// <summary>
/// A step's variables before and after it, compared by name (variable names are case-insensitive, as the engine
/// treats them). Values are compared as the API gives them, so a masked secret that changed shows as changed only
/// when the server says so in the step's changes.
/// </summary>
public static class VariableDiff
{
    public static IReadOnlyList<VariableDiffRow> Compare(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var was = new Dictionary<string, string>(before, StringComparer.OrdinalIgnoreCase);
        var now = new Dictionary<string, string>(after, StringComparer.OrdinalIgnoreCase);
        return [.. was.Keys.Union(now.Keys, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(name =>
            {
                var hadIt = was.TryGetValue(name, out var old);
                var hasIt = now.TryGetValue(name, out var @new);
                var change = !hadIt ? "Added" : !hasIt ? "Removed" : string.Equals(old, @new, StringComparison.Ordinal) ? "Unchanged" : "Changed";
                return new VariableDiffRow(name, change, old, @new);
            })];
    }

    /// <summary>
    /// The comparison, with the step's own net changes taking precedence: a secret's masked value reads the same
    /// before and after even when the step changed it, and only the server's change set knows it did.
    /// </summary>
    public static IReadOnlyList<VariableDiffRow> Compare(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after,
        IReadOnlyList<Contracts.Runs.VariableChangeInfo> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var reported = changes.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        return [.. Compare(before, after).Select(row => row.Change == "Unchanged" && reported.TryGetValue(row.Name, out var change)
            ? row with { Change = change.Change }
            : row)];
    }
}
