namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// Undo and redo for one editing session: each applied edit is kept as the document before and after it (immutable
/// snapshots), with the node selected before and after, so undoing puts back both the document and the selection.
/// Bounded: past <see cref="Capacity"/> edits the oldest is forgotten.
/// </summary>
public sealed class EditHistory
{
    private readonly LinkedList<Edit> _undo = new();
    private readonly Stack<Edit> _redo = new();
    private EditorSnapshot? _current;
    private EditorSnapshot? _saved;

    public EditHistory(int capacity = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>True when the document shown is the one last loaded or saved (undoing back to it leaves nothing unsaved).</summary>
    public bool IsAtSaved => ReferenceEquals(_current, _saved);

    /// <summary>A freshly loaded document: nothing to undo.</summary>
    public void Start(EditorSnapshot loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        _undo.Clear();
        _redo.Clear();
        _current = _saved = loaded;
    }

    /// <summary>The document shown was saved; the edits before it stay undoable (the next save saves the undone state).</summary>
    public void MarkSaved() => _saved = _current;

    /// <summary>An edit was applied; <paramref name="after"/> is the document now. Whatever was undone can no longer be redone.</summary>
    public void Record(EditorSnapshot after, string? selectedBefore, string? selectedAfter)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (_current is null)
        {
            throw new InvalidOperationException("the history was not started with the loaded document");
        }

        _undo.AddLast(new Edit(_current, after, selectedBefore, selectedAfter));
        if (_undo.Count > Capacity)
        {
            _undo.RemoveFirst();
        }

        _redo.Clear();
        _current = after;
    }

    /// <summary>The document before the last edit and the node to select in it; null when there is nothing to undo.</summary>
    public (EditorSnapshot Document, string? SelectedId)? Undo()
    {
        if (_undo.Last is not { } last)
        {
            return null;
        }

        _undo.RemoveLast();
        _redo.Push(last.Value);
        _current = last.Value.Before;
        return (last.Value.Before, last.Value.SelectedBefore ?? last.Value.SelectedAfter);
    }

    /// <summary>The document after the last undone edit and the node to select in it; null when there is nothing to redo.</summary>
    public (EditorSnapshot Document, string? SelectedId)? Redo()
    {
        if (!_redo.TryPop(out var edit))
        {
            return null;
        }

        _undo.AddLast(edit);
        _current = edit.After;
        return (edit.After, edit.SelectedAfter ?? edit.SelectedBefore);
    }

    private sealed record Edit(EditorSnapshot Before, EditorSnapshot After, string? SelectedBefore, string? SelectedAfter);
}
