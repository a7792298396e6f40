namespace TsOrchestrator.Designer.Editing;

/// <summary>What a <see cref="ConditionModel"/> edits.</summary>
public enum ConditionModelKind
{
    If,
    Variable,

    /// <summary>A kind the builder shows but does not edit (kept from an import).</summary>
    Kept,
}
