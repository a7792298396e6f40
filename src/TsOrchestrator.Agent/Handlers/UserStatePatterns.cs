namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Capture User State's include and exclude patterns (one per line, <c>*</c> and <c>?</c> wildcards). A pattern with
/// a '/' matches the path relative to the captured folder (<c>*</c> crosses folders); one without matches the name
/// alone, at any depth. Exclude wins over include; with no include pattern every file is included.
/// </summary>
internal sealed class UserStatePatterns(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
{
    public static UserStatePatterns From(StepContext context) => new(Lines(context.Setting("Include")), Lines(context.Setting("Exclude")));

    public bool HasIncludes => include.Count > 0;

    /// <summary>Why an item is left out, or null when it is captured. Folders are only ever excluded.</summary>
    public string? SkipReason(string relativePath, bool isFolder)
    {
        if (exclude.FirstOrDefault(p => Matches(p, relativePath)) is { } excluded)
        {
            return $"excluded by pattern '{excluded}'";
        }

        if (!isFolder && include.Count > 0 && !include.Any(p => Matches(p, relativePath)))
        {
            return "matched by no include pattern";
        }

        return null;
    }

    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Matches(string pattern, string relativePath)
    {
        var ignoreCase = OperatingSystem.IsWindows();
        var subject = pattern.Contains('/', StringComparison.Ordinal) ? relativePath : relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern.Trim('/'), subject, ignoreCase);
    }
}
