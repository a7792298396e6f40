namespace TsOrchestrator.Server.Exchange;

/// <summary>One object's entry in the export zip.</summary>
public sealed record ExportEntry(string Name, byte[] Bytes);
