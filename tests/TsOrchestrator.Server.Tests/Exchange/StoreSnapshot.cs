namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>What a failed import must not change.</summary>
internal sealed record StoreSnapshot(string Sequences, string Packages, int PackageFiles, int AuditEntries, int LibraryFiles);
