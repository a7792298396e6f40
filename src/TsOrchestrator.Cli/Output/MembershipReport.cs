namespace TsOrchestrator.Cli.Output;

/// <summary>What <c>collections add-member|remove-member --json</c> prints: the server answers with no body.</summary>
internal sealed record MembershipReport(string Collection, string Device, bool Member);
