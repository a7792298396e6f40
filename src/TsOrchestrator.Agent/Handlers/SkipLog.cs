namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// What a step did not copy, and why: nothing is skipped silently. The first items of each reason are logged by name
/// (thousands of lines would bury the log), every item is counted, and the summary gives the counts per reason.
/// </summary>
internal sealed class SkipLog(StepLog log)
{
    private const int NamedPerReason = 20;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public void Skip(string path, string reason)
    {
        _counts[reason] = _counts.TryGetValue(reason, out var count) ? count + 1 : 1;
        Total++;
        if (count < NamedPerReason)
        {
            log.Line($"skipped {path}: {reason}");
        }
        else if (count == NamedPerReason)
        {
            log.Line($"more skipped ({reason}): counted, not named");
        }
    }

    public void WriteSummary()
    {
        foreach (var (reason, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            log.Line($"skipped {count} item(s): {reason}");
        }
    }
}
