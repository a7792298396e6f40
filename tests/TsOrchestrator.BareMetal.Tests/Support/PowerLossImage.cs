using System.Formats.Tar;
using System.Security.Cryptography;

namespace TsOrchestrator.BareMetal.Tests.Support;

/// <summary>
/// The image the power-loss scenario applies: a .tar of many small files and two larger ones, so that applying it on
/// an emulated machine takes well past the file system's journal commit (the power is cut in that window, with part of
/// the image on the disk) while the download stays small (about 30 MB) to keep the test short.
/// </summary>
internal static class PowerLossImage
{
    public const string ImageFile = "system.tar";

    private const int BlobCount = 2;
    private const int BlobBytes = 2 << 20;
    private const int Folders = 24;
    private const int FilesPerFolder = 1000;
    private const int SmallFileBytes = 1024;

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

        var small = new byte[SmallFileBytes];
        for (var part = 0; part < Folders; part++)
        {
            var path = Directory.CreateDirectory(Path.Combine(root, "usr", "lib", $"part-{part:D2}")).FullName;
            for (var i = 0; i < FilesPerFolder; i++)
            {
                random.NextBytes(small);
                File.WriteAllBytes(Path.Combine(path, $"file-{i:D4}.bin"), small);
            }
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
