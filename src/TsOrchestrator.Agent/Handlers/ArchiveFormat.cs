namespace TsOrchestrator.Agent.Handlers;

/// <summary>The archive kinds an archive image can be, chosen by its file name's extension.</summary>
internal enum ArchiveFormat
{
    Tar,
    TarGzip,
    TarZstd,
    Zip,

    /// <summary>A Windows imaging file, applied with wimlib's wimapply; never what capture writes.</summary>
    Wim,
}
