using System.IO.Compression;
using ZstdSharp;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Knows an archive's format from its name and opens the (de)compressing stream for it.</summary>
internal static class ArchiveFormats
{
    public const string Supported = ".tar, .tar.gz, .tgz, .tar.zst or .zip";

    public const string SupportedImages = Supported + " or .wim";

    /// <summary>The format of an image to apply: an archive, or a WIM (<c>.wim</c>).</summary>
    public static ArchiveFormat DetectImage(string path)
    {
        if (Path.GetFileName(path).EndsWith(".wim", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.Wim;
        }

        try
        {
            return Detect(path);
        }
        catch (StepFailedException)
        {
            throw new StepFailedException($"{path} is not an image this agent applies: its name must end in {SupportedImages}");
        }
    }

    public static ArchiveFormat Detect(string path)
    {
        // The extension alone decides: sniffing content would accept a misnamed file that capture would then name differently.
        var name = Path.GetFileName(path);
        if (name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.TarGzip;
        }

        if (name.EndsWith(".tar.zst", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tzst", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.TarZstd;
        }

        if (name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.Tar;
        }

        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ArchiveFormat.Zip;
        }

        throw new StepFailedException($"{path} is not an archive image this agent knows: its name must end in {Supported}");
    }

    /// <summary>The tar stream inside a (compressed) tar file.</summary>
    public static Stream OpenTarForReading(Stream file, ArchiveFormat format) => format switch
    {
        ArchiveFormat.Tar => file,
        ArchiveFormat.TarGzip => new GZipStream(file, CompressionMode.Decompress, leaveOpen: false),
        ArchiveFormat.TarZstd => new DecompressionStream(file, checkEndOfStream: true, leaveOpen: false),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a tar format"),
    };

    /// <summary>The compressing stream over a tar file; it leaves the file open, so that the file can be flushed to disk.</summary>
    public static Stream OpenTarForWriting(Stream file, ArchiveFormat format) => format switch
    {
        ArchiveFormat.Tar => file,
        ArchiveFormat.TarGzip => new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true),
        ArchiveFormat.TarZstd => new CompressionStream(file, level: 3, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a tar format"),
    };
}
