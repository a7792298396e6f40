namespace TsOrchestrator.Designer.Components.Editor;

/// <summary>The kinds of <see cref="TreeCommand"/>.</summary>
public enum TreeCommandKind
{
    MoveUp,
    MoveDown,
    Delete,
    Drop,
    FindNext,
    FindPrevious,
    Cut,
    Copy,
    Paste,
}
