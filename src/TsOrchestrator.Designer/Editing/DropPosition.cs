namespace TsOrchestrator.Designer.Editing;

/// <summary>Where a dragged node lands relative to the node it is dropped on.</summary>
public enum DropPosition
{
    Before,
    After,
    Into,
}
