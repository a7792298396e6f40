using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Domain.Capabilities;

/// <summary>
/// Names of condition kinds, as the native format's <c>type</c> discriminator writes them. Variable conditions and
/// if statements are evaluated by the engine, so every agent can "run" them; the others are sent to the device.
/// </summary>
public static class ConditionKinds
{
    public const string Variable = "variable";
    public const string If = "if";
    public const string OsVersion = "osVersion";
    public const string OsLanguage = "osLanguage";
    public const string File = "file";
    public const string Folder = "folder";
    public const string Registry = "registry";
    public const string Wmi = "wmi";
    public const string Software = "software";

    /// <summary>The kinds the engine evaluates itself: never a capability an agent must have.</summary>
    public static IReadOnlyList<string> EvaluatedByEngine { get; } = [Variable, If];

    /// <summary>The kind of one condition (an if statement is <c>if</c>, whatever it holds).</summary>
    public static string Of(Condition condition) => condition switch
    {
        IfStatement => If,
        VariableCondition => Variable,
        OsVersionCondition => OsVersion,
        OsLanguageCondition => OsLanguage,
        FileCondition => File,
        FolderCondition => Folder,
        RegistryCondition => Registry,
        WmiQueryCondition => Wmi,
        InstalledSoftwareCondition => Software,
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition?.GetType().Name, "not a condition kind"),
    };

    /// <summary>Every kind in a condition tree, if statements' members included, each once in first-seen order.</summary>
    public static IReadOnlyList<string> In(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var kinds = new List<string>();
        var stack = new Stack<Condition>();
        stack.Push(condition);
        while (stack.TryPop(out var next))
        {
            if (!kinds.Contains(Of(next), StringComparer.Ordinal))
            {
                kinds.Add(Of(next));
            }

            if (next is IfStatement { Conditions: { } members })
            {
                for (var i = members.Count - 1; i >= 0; i--)
                {
                    stack.Push(members[i]);
                }
            }
        }

        return kinds;
    }
}
