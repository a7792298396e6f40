namespace TsOrchestrator.Designer.Editing;

/// <summary>What a <see cref="ConditionModel"/> edits: the kinds Configuration Manager's Add Condition menu offers.</summary>
public enum ConditionModelKind
{
    If,
    Variable,
    OsVersion,
    OsLanguage,
    File,
    Folder,
    Registry,
    Wmi,
    Software,

    /// <summary>A condition type this designer does not know, kept as it was loaded.</summary>
    Kept,
}
