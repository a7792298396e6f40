namespace TsOrchestrator.Agent.Handlers;

/// <summary>The archive kinds an archive image can be, chosen by its file name's extension.</summary>
internal enum ArchiveFormat
{
    Tar,
    TarGzip,
    TarZstd,
    Zip,
}
