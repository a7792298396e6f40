using System.Formats.Tar;
using System.Security.Cryptography;

namespace TsOrchestrator.BareMetal.Tests.Support;

/// <summary>
/// The image the power-loss scenario applies: a .tar of incompressible files, large enough that applying it on an
/// emulated machine takes seconds (the power is cut in that window) and small enough to keep the test short.
/// </summary>
internal static class PowerLossImage
{
    public const string ImageFile = "system.tar";

    private const int BlobCount = 32;
    private const int BlobBytes = 2 << 20;

    /// <summary>Writes the image into <paramref name="folder"/> (the package source); returns every file's SHA-256 by path.</summary>
    public static SortedDictionary<string, string> Build(string work, string folder)
    {
        var root = Directory.CreateDirectory(Path.Combine(work, "power-loss-root")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", "blobs"));
        File.WriteAllText(Path.Combine(root, "etc", "hostname"), "power-loss-image\n");
        File.WriteAllText(Path.Combine(root, "etc", "tsorch-image-release"), "TsOrchestrator power-loss test image\n");
        // Seeded: a failure is reproduced with the same bytes.
        var random = new Random(12);
        var blob = new byte[BlobBytes];
        for (var i = 0; i < BlobCount; i++)
        {
            random.NextBytes(blob);
            File.WriteAllBytes(Path.Combine(root, "usr", "share", "blobs", $"blob-{i:D2}.bin"), blob);
        }

        var files = Hashes(root);
        Directory.CreateDirectory(folder);
        TarFile.CreateFromDirectory(root, Path.Combine(folder, ImageFile), includeBaseDirectory: false);
        Directory.Delete(root, recursive: true);
        return files;
    }

    /// <summary>Every regular file under <paramref name="root"/>, by path relative to it, with its SHA-256.</summary>
    public static SortedDictionary<string, string> Hashes(string root) => new(
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);
}
