namespace TsOrchestrator.Agent.Journal;

/// <summary>What the journal held at start-up: the last checkpoint, and where a corrupt journal was moved.</summary>
internal sealed record JournalContents(CheckpointRecord? Record, string? QuarantinedPath);
