namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// How deep and how large a task sequence may be, the same for every reader (native JSON, Configuration Manager and
/// MDT XML) and for validation. Real sequences nest a handful of groups and conditions; the limits are generous for
/// them and keep one crafted document from costing the server its stack or minutes of a core.
/// </summary>
public static class SequenceLimits
{
    /// <summary>Most groups on any path from the root: a group inside 64 groups is refused.</summary>
    public const int MaxGroupDepth = 64;

    /// <summary>Most if statements (and, or, not, ConfigMgr's OS-version groups) nested inside one node's condition.</summary>
    public const int MaxConditionDepth = 16;

    /// <summary>
    /// Most JSON nesting a document may reach: every group adds two levels (the node and its children) and every if
    /// statement two (the statement and its conditions), with room for the document and a step's own fields.
    /// </summary>
    public const int MaxJsonDepth = 256;

    /// <summary>Most XML elements nested inside one another in a task sequence document (groups, steps, conditions and wrappers).</summary>
    public const int MaxXmlElementDepth = 256;

    /// <summary>Most characters of task sequence XML (32 Mi): a Configuration Manager sequence is at most a few megabytes.</summary>
    public const int MaxXmlCharacters = 32 * 1024 * 1024;

    /// <summary>The refusal of a group nested too deep, worded the same by every reader and by validation.</summary>
    public static string TooDeepGroups => $"nesting deeper than {MaxGroupDepth} groups (the limit of groups inside groups)";

    /// <summary>The refusal of a condition nested too deep, worded the same by every reader and by validation.</summary>
    public static string TooDeepConditions => $"a condition nested deeper than {MaxConditionDepth} if statements (the limit of if statements inside if statements)";
}
