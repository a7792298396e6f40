using TsOrchestrator.Contracts.Runs;

namespace TsOrchestrator.Designer.Monitoring;

/// <summary>
/// Where the run page's inspection panel stands in the run's history records (run order: a retried step and a
/// step reached again after a resume appear once per attempt), moved by Previous/Next, the arrow keys, or a click
/// on a step in the step list.
/// </summary>
public sealed class InspectionScrub
{
    private IReadOnlyList<RunStepInspection> _records = [];

    public IReadOnlyList<RunStepInspection> Records => _records;

    /// <summary>The selected record's position in <see cref="Records"/>; -1 when nothing is selected.</summary>
    public int Index { get; private set; } = -1;

    public RunStepInspection? Selected => Index >= 0 && Index < _records.Count ? _records[Index] : null;
    public bool CanGoBack => Index > 0;
    public bool CanGoForward => Index >= 0 && Index < _records.Count - 1;

    /// <summary>Takes a fresh read of the run's records and keeps the same record selected (by its sequence number).</summary>
    public void Load(IReadOnlyList<RunStepInspection> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var selected = Selected?.Sequence;
        _records = records;
        Index = selected is { } sequence ? IndexOf(sequence) : -1;
    }

    /// <summary>Selects the latest record of the node at <paramref name="path"/>; false when it has none yet.</summary>
    public bool SelectPath(string path)
    {
        for (var i = _records.Count - 1; i >= 0; i--)
        {
            if (_records[i].Path == path)
            {
                Index = i;
                return true;
            }
        }

        return false;
    }

    public bool Previous()
    {
        if (!CanGoBack)
        {
            return false;
        }

        Index--;
        return true;
    }

    public bool Next()
    {
        if (Index < 0 && _records.Count > 0)
        {
            Index = 0;
            return true;
        }

        if (!CanGoForward)
        {
            return false;
        }

        Index++;
        return true;
    }

    private int IndexOf(int sequence)
    {
        for (var i = 0; i < _records.Count; i++)
        {
            if (_records[i].Sequence == sequence)
            {
                return i;
            }
        }

        return -1;
    }
}
