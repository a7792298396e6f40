using System.Globalization;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>ETags carry the optimistic-concurrency version: <c>"7"</c>.</summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version in an If-Match value, or -1 when it is not one of ours.</summary>
    public static long Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
