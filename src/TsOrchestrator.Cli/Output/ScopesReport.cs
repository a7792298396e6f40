namespace TsOrchestrator.Cli.Output;

/// <summary>What <c>... scopes --json</c> prints: the object's id and the security scopes it is in now.</summary>
internal sealed record ScopesReport(string Id, IReadOnlyList<string> Scopes);
