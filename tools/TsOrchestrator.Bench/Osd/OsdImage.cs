using System.Globalization;
using System.Text;
using TsOrchestrator.Testing.VirtualMachines;

namespace TsOrchestrator.Bench.Osd;

/// <summary>
/// The image the benchmark deploys: the bare-metal test's installed system (<see cref="InstalledSystemImage"/>, which
/// boots and runs the agent after the restart) with a payload of generated files appended under
/// <c>/usr/share/tsorch-bench</c>, so that the apply moves enough bytes and files for its ratio to mean something.
/// The payload is the same on every machine and every run (fixed seed): most files small, a few large, about half the
/// bytes text-like (compresses about 3:1) and half random (does not compress), as a system image's mix of
/// configuration, scripts, libraries and compressed data is.
/// </summary>
internal static class OsdImage
{
    private const int Seed = 12;
    private const string PayloadFolder = "usr/share/tsorch-bench";

    private static readonly string[] Words =
    [
        "task", "sequence", "step", "group", "variable", "condition", "deployment", "collection", "package", "image", "driver", "partition",
        "format", "apply", "capture", "restart", "boot", "network", "server", "agent", "journal", "state", "store", "user", "settings",
        "operating", "system", "disk", "volume", "kernel", "module", "firmware", "=", "#", "{", "}", "0", "1", "true", "false", "/usr/lib",
    ];

    public static string FileName(OsdImageFormat format) => format == OsdImageFormat.TarZstd ? "system.tar.zst" : "system.tar";

    /// <summary>Builds the image into <paramref name="packageFolder"/> and says what it holds.</summary>
    public static async Task<OsdImageFacts> BuildAsync(string bootImage, string work, string packageFolder, int payloadMegabytes, OsdImageFormat format)
    {
        var baseFolder = Path.Combine(work, "base-image");
        var kernel = await InstalledSystemImage.BuildAsync(bootImage, work, baseFolder);
        var tar = Path.Combine(work, "system.tar");
        await HostCommand.RunAsync("zstd", "-q", "-d", "-f", Path.Combine(baseFolder, InstalledSystemImage.ImageFile), "-o", tar);
        Directory.Delete(baseFolder, recursive: true);

        var payloadRoot = Path.Combine(work, "payload");
        var (files, bytes) = WritePayload(Path.Combine(payloadRoot, PayloadFolder), (long)payloadMegabytes << 20);
        // Appended to the test image's tar: the payload folder and its files only (the image already has /usr/share).
        await HostCommand.RunAsync("tar", "-C", payloadRoot, "--numeric-owner", "--owner=0", "--group=0", "--sort=name", "--mtime=2026-01-01 00:00:00",
            "-rf", tar, "./" + PayloadFolder);
        Directory.Delete(payloadRoot, recursive: true);

        Directory.CreateDirectory(packageFolder);
        var image = Path.Combine(packageFolder, FileName(format));
        var tarBytes = new FileInfo(tar).Length;
        var entries = (await HostCommand.RunAsync("tar", "-tf", tar)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (format == OsdImageFormat.TarZstd)
        {
            await HostCommand.RunAsync("zstd", "-q", "-T0", "-3", "-f", "--rm", tar, "-o", image);
        }
        else
        {
            File.Move(tar, image);
        }

        return new OsdImageFacts(kernel, image, new FileInfo(image).Length, tarBytes, entries, files, bytes);
    }

    private static (int Files, long Bytes) WritePayload(string folder, long target)
    {
        var random = new Random(Seed);
        var buffer = new byte[8 << 20];
        var text = new StringBuilder();
        long total = 0;
        var files = 0;
        while (total < target)
        {
            // 80 % small (256 B - 16 KB), 18 % medium (16 - 256 KB), 2 % large (256 KB - 4 MB): ~70 KB on average.
            var roll = random.Next(100);
            var size = roll < 80 ? random.Next(256, 16 << 10) : roll < 98 ? random.Next(16 << 10, 256 << 10) : random.Next(256 << 10, 4 << 20);
            size = (int)Math.Min(size, target - total + 1);
            var isText = random.Next(2) == 0;
            var dir = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"d{files % 16:D2}"), string.Create(CultureInfo.InvariantCulture, $"s{files / 16 % 24:D2}"));
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"f{files:D5}.{(isText ? "txt" : "bin")}"));
            if (isText)
            {
                text.Clear();
                while (text.Length < size)
                {
                    text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? '\n' : ' ');
                }

                File.WriteAllText(path, text.ToString(0, size));
            }
            else
            {
                random.NextBytes(buffer.AsSpan(0, size));
                File.WriteAllBytes(path, buffer.AsSpan(0, size).ToArray());
            }

            total += size;
            files++;
        }

        return (files, total);
    }
}
