namespace TsOrchestrator.Bench.Osd;

/// <summary>The image file's format: both the agent and the boot image's tools (busybox tar, zstd) read each.</summary>
internal enum OsdImageFormat
{
    /// <summary>Plain tar: the apply beside busybox <c>tar -x</c>, no decompression on either side.</summary>
    Tar,

    /// <summary>Zstandard-compressed tar, the bare-metal test's format: the agent's managed decoder beside <c>zstd -dc | tar -x</c>.</summary>
    TarZstd,
}
