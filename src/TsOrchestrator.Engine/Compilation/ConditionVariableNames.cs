using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Engine.Compilation;

/// <summary>The variables a condition reads: tested directly, or referenced as <c>%Name%</c> in paths.</summary>
internal static class ConditionVariableNames
{
    public static IReadOnlyList<string> Of(Condition condition)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(condition, names);
        return [.. names.Order(StringComparer.OrdinalIgnoreCase)];
    }

    private static void Collect(Condition condition, HashSet<string> names)
    {
        switch (condition)
        {
            case IfStatement s:
                foreach (var child in s.Conditions)
                {
                    Collect(child, names);
                }

                break;
            case VariableCondition v:
                names.Add(v.Variable);
                break;
            case FileCondition f:
                References(f.Path, names);
                break;
            case FolderCondition f:
                References(f.Path, names);
                break;
            case RegistryCondition r:
                References(r.KeyPath, names);
                break;
        }
    }

    private static void References(string text, HashSet<string> names)
    {
        var open = text.IndexOf('%', StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = text.IndexOf('%', open + 1);
            if (close < 0)
            {
                return;
            }

            if (close > open + 1)
            {
                names.Add(text[(open + 1)..close]);
            }

            open = text.IndexOf('%', close + 1);
        }
    }
}
