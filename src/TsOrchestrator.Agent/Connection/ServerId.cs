namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// The one rule for ids the server hands out (runs, work items, packages, deployments, devices): they become folder and
/// file names in the state folder, so each must be a plain name — letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, not
/// starting with a dot, at most <see cref="MaxLength"/> characters — never a path.
/// </summary>
internal static class ServerId
{
    public const int MaxLength = 128;

    public static bool IsName(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The id as a file name; refused when it is not a name (it came from a server that may be wrong).</summary>
    public static string AsFileName(string? id, string what) =>
        IsName(id) ? id! : throw new ServerAnswerException($"{what} '{Printable(id)}' is not a name (letters, digits, '.', '_', '-'; no leading '.'; at most {MaxLength} characters)");

    /// <summary>An untrusted value as it may go into a log line: bounded, control characters shown as '?'.</summary>
    public static string Printable(string? value) => value is null
        ? "(null)"
        : string.Concat(value.Take(MaxLength).Select(c => char.IsControl(c) ? '?' : c)) + (value.Length > MaxLength ? "…" : "");
}
