using TsOrchestrator.Designer.Editing;

namespace TsOrchestrator.Designer.Components.Editor;

/// <summary>An edit asked for by the tree (keyboard or drag and drop), applied by the editor page.</summary>
public sealed record TreeCommand(TreeCommandKind Kind, EditorNode? Node = null, EditorNode? Target = null, DropPosition Position = DropPosition.Before)
{
    public static TreeCommand MoveUp { get; } = new(TreeCommandKind.MoveUp);
    public static TreeCommand MoveDown { get; } = new(TreeCommandKind.MoveDown);
    public static TreeCommand Delete { get; } = new(TreeCommandKind.Delete);
    public static TreeCommand FindNext { get; } = new(TreeCommandKind.FindNext);
    public static TreeCommand Cut { get; } = new(TreeCommandKind.Cut);
    public static TreeCommand Copy { get; } = new(TreeCommandKind.Copy);
    public static TreeCommand Paste { get; } = new(TreeCommandKind.Paste);
    public static TreeCommand FindPrevious { get; } = new(TreeCommandKind.FindPrevious);
}
