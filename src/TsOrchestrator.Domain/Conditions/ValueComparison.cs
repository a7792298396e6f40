using System.Globalization;

namespace TsOrchestrator.Domain.Conditions;

/// <summary>
/// Comparison of condition values: numbers as numbers, dotted versions as versions, anything else
/// as case-insensitive text (project rule); <c>like</c> with <c>*</c> and <c>?</c>.
/// </summary>
public static class ValueComparison
{
    // No thousands separators: with them "1,5" parsed as 15 and equalled "15".
    private const NumberStyles PlainNumber =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Applies a comparison operator to two present values. Exists/NotExists are the caller's.</summary>
    public static bool Compare(string left, ConditionOperator op, string right) => op switch
    {
        ConditionOperator.Equals => Order(left, right) == 0,
        ConditionOperator.NotEquals => Order(left, right) != 0,
        ConditionOperator.Greater => Order(left, right) > 0,
        ConditionOperator.GreaterEqual => Order(left, right) >= 0,
        ConditionOperator.Less => Order(left, right) < 0,
        ConditionOperator.LessEqual => Order(left, right) <= 0,
        ConditionOperator.Like => Like(left, right),
        ConditionOperator.Exists => true,
        ConditionOperator.NotExists => false,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown condition operator"),
    };

    /// <summary>Orders two values: numerically, as versions, or as case-insensitive text.</summary>
    public static int Order(string left, string right)
    {
        if (decimal.TryParse(left, PlainNumber, CultureInfo.InvariantCulture, out var l) &&
            decimal.TryParse(right, PlainNumber, CultureInfo.InvariantCulture, out var r))
        {
            return l.CompareTo(r);
        }

        if (TryParseVersion(left, out var lv) && TryParseVersion(right, out var rv))
        {
            return PadWithZeros(lv).CompareTo(PadWithZeros(rv));
        }

        return string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Case-insensitive wildcard match over the whole value.</summary>
    public static bool Like(string value, string pattern)
    {
        // Iterative glob match with single backtrack point: linear in practice, no regex allocation.
        int v = 0, p = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || CharEquals(pattern[p], value[v])))
            {
                v++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starV = v;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    // System.Version ranks an absent part (-1) below 0, which would make 10.0 less than 10.0.0.
    private static Version PadWithZeros(Version v) => new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));

    private static bool CharEquals(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

    /// <summary>Parses a dotted version of 2–4 numeric parts (Configuration Manager writes e.g. <c>10.00.0000.0</c>).</summary>
    public static bool TryParseVersion(string text, out Version version)
    {
        version = new Version();
        if (text.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length > 4)
        {
            return false;
        }

        var numbers = new int[4];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = parts.Length switch
        {
            2 => new Version(numbers[0], numbers[1]),
            3 => new Version(numbers[0], numbers[1], numbers[2]),
            _ => new Version(numbers[0], numbers[1], numbers[2], numbers[3]),
        };
        return true;
    }
}
