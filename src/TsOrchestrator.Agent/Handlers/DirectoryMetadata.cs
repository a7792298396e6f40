namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// A folder's mode, time and owner from an archive, applied only once everything is in place: a read-only folder
/// would refuse its own contents, and writing into a folder changes its time.
/// </summary>
internal sealed record DirectoryMetadata(string RelativePath, UnixFileMode? Mode, DateTimeOffset? Modified, int? UserId, int? GroupId);
