namespace TsOrchestrator.Contracts.Exchange;

/// <summary>What an import does with one object (Configuration Manager's Import Task Sequence wizard).</summary>
public enum ImportAction
{
    /// <summary>A new object; a new id when the exported one is taken, and references to it rewritten.</summary>
    CreateNew,

    /// <summary>Link the existing object (same id or same content) instead of importing this one.</summary>
    IgnoreDuplicate,

    /// <summary>A new version of the existing sequence, or the existing package updated (an application's new revision).</summary>
    Overwrite,
}
