namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// A finding another part of issue 14 fixes: skipped from the assertion but printed, until the lead merges that fix
/// and removes the entry. <paramref name="Case"/> matches the start of a case name.
/// </summary>
internal sealed record KnownFailure(string Route, string Case, string IssueItem)
{
    public bool Matches(string route, string testCase) =>
        route == Route && testCase.StartsWith(Case, StringComparison.Ordinal);
}
