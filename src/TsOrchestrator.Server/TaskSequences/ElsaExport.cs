namespace TsOrchestrator.Server.TaskSequences;

/// <summary>An Elsa workflow-definition document and the file name it is offered under.</summary>
public sealed record ElsaExport(string FileName, byte[] Content);
