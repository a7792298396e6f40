namespace TsOrchestrator.Cli.Output;

/// <summary>What a delete prints under <c>--json</c>: the server answers a delete with no body, so the id deleted.</summary>
internal sealed record DeletedReport(string Deleted);
