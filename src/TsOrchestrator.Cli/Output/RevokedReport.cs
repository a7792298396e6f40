namespace TsOrchestrator.Cli.Output;

/// <summary>What <c>keys revoke --json</c> prints: the server answers with no body, so the id revoked.</summary>
internal sealed record RevokedReport(string Revoked);
