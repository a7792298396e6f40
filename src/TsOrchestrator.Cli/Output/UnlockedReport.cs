namespace TsOrchestrator.Cli.Output;

/// <summary>What <c>ts unlock --json</c> prints: the server answers with no body, so the id unlocked.</summary>
internal sealed record UnlockedReport(string Unlocked, bool Forced);
