namespace TsOrchestrator.Agent.Handlers;

/// <summary>What a path is, without following a symbolic link (lstat's file type).</summary>
internal enum UnixFileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}
