namespace TsOrchestrator.Server.StateMigration;

/// <summary>One uploaded state as the vault wrote it: its file, its protected key, its plain size.</summary>
public sealed record StoredState(string BlobFile, string ProtectedKey, long SizeBytes);
