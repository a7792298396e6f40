using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Monitoring;

/// <summary>
/// A run as the monitor page keeps it: the sequence's nodes in order with each one's latest outcome, the run's
/// status and current step, and the log text, updated by each live event.
/// </summary>
public sealed class RunProgress
{
    private static readonly HashSet<string> Live = new(StringComparer.Ordinal) { "Running", "NotStarted" };

    private readonly List<RunStepView> _steps;
    private readonly Dictionary<string, int> _index;
    private readonly HashSet<(string WorkItemId, long Offset)> _logSeen = [];
    private readonly List<RunLogEntry> _log = [];

    public RunProgress(TaskSequence sequence, RunDetails details)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(details);
        _steps = [.. NodePath.Walk(sequence.Nodes).Select(n => new RunStepView(
            n.Path, n.Node.Name, (n.Node as StepNode)?.Type, n.Path.Count(c => c == '/'), n.Node is GroupNode))];
        _index = _steps.Select((s, i) => (s.Path, i)).ToDictionary(p => p.Path, p => p.i, StringComparer.Ordinal);
        Status = details.Summary.Status;
        CurrentStep = details.Summary.CurrentStep;
        Details = details;
        Apply(details.History);
    }

    public IReadOnlyList<RunStepView> Steps => _steps;
    public IReadOnlyList<RunLogEntry> Log => _log;
    public string Status { get; private set; }
    public string? CurrentStep { get; private set; }
    public RunDetails Details { get; private set; }
    public bool IsLive => Live.Contains(Status);
    /// <summary>Grows whenever history records arrive, so what is read from the run's history (its inspection) is read again.</summary>
    public int Revision { get; private set; }

    public bool CanResume => Status is "Failed" or "Cancelled" or "TimedOut";

    /// <summary>Replaces everything from a fresh read of the run (after a resume, or when its stream ended).</summary>
    public void Reset(RunDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        for (var i = 0; i < _steps.Count; i++)
        {
            _steps[i] = _steps[i] with { Status = "", ExitCode = null, Attempt = 0, Duration = null, Reason = null };
        }

        Details = details;
        Status = details.Summary.Status;
        CurrentStep = details.Summary.CurrentStep;
        Apply(details.History);
    }

    public void Apply(RunEventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Status = message.Status;
        CurrentStep = message.CurrentStep;
        Apply(message.Records);
        if (message.Log is { } log)
        {
            AddLog([log]);
        }
    }

    public void AddLog(IEnumerable<RunLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (_logSeen.Add((entry.WorkItemId, entry.Offset)))
            {
                _log.Add(entry);
            }
        }
    }

    /// <summary>The step's row status, with the running step shown as such.</summary>
    public string StatusOf(RunStepView step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return IsLive && step.Path == CurrentStep ? "Running" : step.Status;
    }

    private void Apply(IEnumerable<RunStepRecord> records)
    {
        foreach (var record in records)
        {
            Revision++;
            if (_index.TryGetValue(record.Path, out var i))
            {
                _steps[i] = _steps[i] with
                {
                    Status = record.Outcome,
                    ExitCode = record.ExitCode,
                    Attempt = record.Attempt,
                    Duration = record.StartedAt is { } start && record.EndedAt is { } end ? end - start : null,
                    Reason = record.Reason,
                };
            }
        }
    }
}
