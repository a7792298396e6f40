namespace TsOrchestrator.Agent.Handlers;

/// <summary>Where an image step applies: a folder, and the partition mounted there when it is one.</summary>
internal sealed record ImageDestination(string Folder, string? Partition);
