namespace TsOrchestrator.Agent.Drivers;

/// <summary>
/// A module's alias pattern matched against a device's modalias the way modprobe does it (fnmatch without flags):
/// <c>*</c> any run, <c>?</c> one character, <c>[...]</c> a set or range, everything else literally.
/// </summary>
internal static class ModaliasPattern
{
    public static bool Matches(string pattern, string alias) => Match(pattern, 0, alias, 0);

    /// <summary>How specific a pattern is (its literal characters): the best match for a device is the most specific.</summary>
    public static int Specificity(string pattern) => pattern.Count(c => c is not ('*' or '?'));

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (var i = t; i <= text.Length; i++)
                {
                    if (Match(pattern, p, text, i))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length)
            {
                return false;
            }

            if (c == '[' && SetEnd(pattern, p) is var end and > 0)
            {
                if (!InSet(pattern, p + 1, end, text[t]))
                {
                    return false;
                }

                p = end + 1;
                t++;
                continue;
            }

            if (c != '?' && c != text[t])
            {
                return false;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }

    /// <summary>The index of the set's closing bracket, or -1 when the bracket is a literal one.</summary>
    private static int SetEnd(string pattern, int open)
    {
        var i = open + 1;
        if (i < pattern.Length && pattern[i] is '!' or '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        var close = pattern.IndexOf(']', i);
        return close;
    }

    private static bool InSet(string pattern, int start, int end, char c)
    {
        var negate = pattern[start] is '!' or '^';
        var i = negate ? start + 1 : start;
        var found = false;
        for (; i < end; i++)
        {
            if (i + 2 < end && pattern[i + 1] == '-')
            {
                found |= c >= pattern[i] && c <= pattern[i + 2];
                i += 2;
            }
            else
            {
                found |= c == pattern[i];
            }
        }

        return found != negate;
    }
}
