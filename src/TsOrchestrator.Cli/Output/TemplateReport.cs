namespace TsOrchestrator.Cli.Output;

/// <summary>One template in <c>tsorch new --list --json</c>.</summary>
internal sealed record TemplateReport(string Template, string Name, string File);
