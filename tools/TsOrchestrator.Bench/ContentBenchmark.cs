using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TsOrchestrator.Content;
using TsOrchestrator.DistributionPoint;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Content;

namespace TsOrchestrator.Bench;

/// <summary>
/// Content library import, prestaged file write and prestaged import at a DP, each beside File.Copy
/// of the same files in the same run (PERFORMANCE.md: ≥ 0.8 × raw file copy); distribution to a DP and the agent's
/// download from it beside a plain HTTP transfer of the same files on loopback (≥ 0.8 × that transfer).
/// </summary>
internal static class ContentBenchmark
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(int megabytes, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-content-bench-");
        try
        {
            var source = Path.Combine(folder.FullName, "source");
            var files = Generate(source, megabytes);
            output.WriteLine($"Content benchmark in {folder.FullName}: {files.Count} files, {megabytes} MB of incompressible data, median of {Rounds} rounds after one warm-up round");

            var copy = new List<double>();
            var import = new List<double>();
            var prestage = new List<double>();
            var prestagedImport = new List<double>();
            var distribution = new List<double>();
            var hashOnly = new List<double>();
            var plainHttp = new List<double>();
            var agentFromDp = new List<double>();
            var sequentialFromDp = new List<double>();
            await using var baseline = await ContentHttpBaseline.StartAsync(source);
            await using var remote = await StartDistributionPointAsync(Path.Combine(folder.FullName, "remote-dp"), baseline.Url);
            var dpUrl = new Uri(remote.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            for (var round = 0; round <= Rounds; round++)
            {
                SettleDisk();
                copy.Add(Time(() => CopyAll(source, Path.Combine(folder.FullName, $"copy{round}"))));
                hashOnly.Add(await TimeAsync(() => HashAllAsync(files)));
                var storage = Options.Create(new StorageOptions { DataDirectory = Path.Combine(folder.FullName, $"site{round}") });
                var library = new ContentLibrary(storage, TimeProvider.System);
                var roots = new ContentSourceRoots(Options.Create(new ContentOptions { SourceRoots = { folder.FullName } }), storage);
                IReadOnlyList<ContentFile> manifest = [];
                SettleDisk();
                import.Add(await TimeAsync(async () => manifest = await library.ImportFolderAsync(roots.Open("source", source), CancellationToken.None)));

                var prestaged = Path.Combine(folder.FullName, $"prestaged{round}.zip");
                SettleDisk();
                prestage.Add(await TimeAsync(async () =>
                {
                    await using var file = File.Create(prestaged);
                    await PrestagedContent.WriteAsync(file, [new PackageManifest { PackageId = "PKGBENCH", Version = 1, Files = manifest }], library, DateTimeOffset.UnixEpoch, CancellationToken.None);
                }));

                var dp = new ContentLibrary(Options.Create(new StorageOptions { DataDirectory = Path.Combine(folder.FullName, $"dp{round}") }), TimeProvider.System);
                SettleDisk();
                prestagedImport.Add(await TimeAsync(async () =>
                {
                    await PrestagedContent.ImportAsync(prestaged, dp, CancellationToken.None);
                }));

                // Over HTTP on loopback to a DP-mode server: which files it lacks, a PUT per file, re-hashed there.
                var packageId = $"PKGBENCH{round}";
                SettleDisk();
                distribution.Add(await TimeAsync(() => new DistributionPointClient(http, library)
                    .CopyAsync(dpUrl, AccessKey, new PackageManifest { PackageId = packageId, Version = 1, Files = manifest }, CancellationToken.None)));

                // The baseline for every path over HTTP: the same files from a plain static-file server, fetched by curl into files.
                SettleDisk();
                plainHttp.Add(await TimeAsync(() => baseline.CurlAllAsync(Path.Combine(folder.FullName, $"http{round}"))));

                // The agent's downloader fetching the package from that DP (which now holds it), hash checked per file.
                SettleDisk();
                agentFromDp.Add(await TimeAsync(() => baseline.AgentDownloadAsync(
                    new PackageManifest { PackageId = packageId, Version = 1, Files = manifest }, dpUrl, Path.Combine(folder.FullName, $"agent{round}"))));

                // A plain download loop in the bench (what the agent does today): the same-run reference for a change to the agent.
                SettleDisk();
                sequentialFromDp.Add(await TimeAsync(() => ContentHttpBaseline.SequentialDownloadAsync(
                    new PackageManifest { PackageId = packageId, Version = 1, Files = manifest }, dpUrl, Path.Combine(folder.FullName, $"sequential{round}"))));

                // The DP starts the next round empty but keeps its library's folders, as a DP that has run before does.
                foreach (var stored in Directory.EnumerateFiles(Path.Combine(folder.FullName, "remote-dp", "content"), "*", SearchOption.AllDirectories))
                {
                    File.Delete(stored);
                }

                Directory.Delete(Path.Combine(folder.FullName, $"copy{round}"), recursive: true);
                Directory.Delete(Path.Combine(folder.FullName, $"site{round}"), recursive: true);
                Directory.Delete(Path.Combine(folder.FullName, $"dp{round}"), recursive: true);
                Directory.Delete(Path.Combine(folder.FullName, $"sequential{round}"), recursive: true);
                Directory.Delete(Path.Combine(folder.FullName, $"http{round}"), recursive: true);
                Directory.Delete(Path.Combine(folder.FullName, $"agent{round}"), recursive: true);
                File.Delete(prestaged);
            }

            DropWarmUpRound(copy, hashOnly, import, prestage, prestagedImport, distribution, plainHttp, agentFromDp, sequentialFromDp);

            // Ratios are taken per round and the median reported: the machine is shared, and a copy and the
            // import measured next to it see the same load. Paths over HTTP are held to the plain HTTP transfer.
            output.WriteLine($"{"measure",-72}{"MB/s",8}{"× copy",9}{"× HTTP",9}{"target",16}");
            output.WriteLine($"{"File.Copy of the source files",-72}{megabytes / Median(copy),8:N0}{1.0,9:N2}{Median(Ratios(copy, plainHttp)),9:N2}");
            output.WriteLine($"{"plain HTTP: curl from a static-file server (Kestrel) on loopback, to files",-72}{megabytes / Median(plainHttp),8:N0}{Median(Ratios(plainHttp, copy)),9:N2}{1.0,9:N2}");
            Row(output, "(ceiling) content hash (BLAKE3) of the files, read and hash only", megabytes, hashOnly, copy, plainHttp, toHttp: false);
            Row(output, "content library import (hash while copying, temp + rename)", megabytes, import, copy, plainHttp, toHttp: false);
            Row(output, "prestaged content file: write (zip, stored when incompressible)", megabytes, prestage, copy, plainHttp, toHttp: false);
            Row(output, "prestaged content file: import at a DP (every hash checked)", megabytes, prestagedImport, copy, plainHttp, toHttp: false);
            Row(output, "distribution site → DP-mode server over HTTP on loopback (PUT by hash)", megabytes, distribution, copy, plainHttp, toHttp: true);
            Row(output, "agent download from the DP over HTTP on loopback (hash checked)", megabytes, agentFromDp, copy, plainHttp, toHttp: true);
            Row(output, "(reference) a sequential 64 KB download loop in the bench, same DP", megabytes, sequentialFromDp, copy, plainHttp, toHttp: true);
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private const string AccessKey = "content-bench-access-key";

    /// <summary>A distribution point host whose site server is the bench's stand-in (which accepts the bench's device key).</summary>
    private static async Task<WebApplication> StartDistributionPointAsync(string dataDirectory, Uri siteServer)
    {
        var builder = WebApplication.CreateBuilder([
            $"--Storage:DataDirectory={dataDirectory}", $"--DistributionPoint:AccessKey={AccessKey}",
            $"--DistributionPoint:SiteServerUrl={siteServer}", "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0",
        ]);
        builder.Services.AddTsOrchestratorDistributionPoint(builder.Configuration);
        var app = builder.Build();
        app.MapTsOrchestratorDistributionPoint();
        await app.StartAsync();
        return app;
    }

    internal static void Row(TextWriter output, string measure, int megabytes, List<double> seconds, List<double> copySeconds)
    {
        var ratio = Median(Ratios(seconds, copySeconds));
        output.WriteLine($"{measure,-64}{megabytes / Median(seconds),8:N0}{ratio,15:N2}{"≥ 0.80",10}  {(ratio >= 0.8 ? "PASS" : "MISS")}");
    }

    /// <summary>A row with both baselines; the target is 0.8 × the HTTP transfer for paths over HTTP, 0.8 × the copy otherwise.</summary>
    private static void Row(TextWriter output, string measure, int megabytes, List<double> seconds, List<double> copySeconds, List<double> httpSeconds, bool toHttp)
    {
        var toCopy = Median(Ratios(seconds, copySeconds));
        var toPlainHttp = Median(Ratios(seconds, httpSeconds));
        var ratio = toHttp ? toPlainHttp : toCopy;
        output.WriteLine($"{measure,-72}{megabytes / Median(seconds),8:N0}{toCopy,9:N2}{toPlainHttp,9:N2}{(toHttp ? "≥ 0.80 × HTTP" : "≥ 0.80 × copy"),16}  {(ratio >= 0.8 ? "PASS" : "MISS")}");
    }

    /// <summary>Per-round ratios of a baseline's time to a measure's (higher is faster).</summary>
    private static List<double> Ratios(List<double> seconds, List<double> baselineSeconds) => [.. seconds.Zip(baselineSeconds, (s, b) => b / s)];

    /// <summary>A few large files (images) and many small ones (scripts, drivers), all random so nothing compresses.</summary>
    internal static List<string> Generate(string folder, int megabytes)
    {
        Directory.CreateDirectory(Path.Combine(folder, "small"));
        var random = new Random(42);
        var files = new List<string>();
        var small = new byte[64 * 1024];
        for (var i = 0; i < 160; i++)
        {
            random.NextBytes(small);
            var path = Path.Combine(folder, "small", $"file{i:D3}.bin");
            File.WriteAllBytes(path, small);
            files.Add(path);
        }

        var large = new byte[1 << 20];
        var remaining = megabytes - 10;
        for (var i = 0; remaining > 0; i++)
        {
            var size = Math.Min(64, remaining);
            var path = Path.Combine(folder, $"image{i}.wim");
            using (var stream = File.Create(path))
            {
                for (var mb = 0; mb < size; mb++)
                {
                    random.NextBytes(large);
                    stream.Write(large);
                }
            }

            files.Add(path);
            remaining -= size;
        }

        return files;
    }

    private static async Task HashAllAsync(List<string> files)
    {
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await ContentHash.ComputeAsync(stream, expected: null, CancellationToken.None);
        }
    }

    internal static void CopyAll(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>
    /// Writes back what earlier steps left dirty in the page cache, so each measure starts from the same state: without
    /// it, whichever step runs while the kernel flushes the previous gigabyte is throttled, and the ratios follow the order.
    /// </summary>
    internal static void SettleDisk()
    {
        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false })!;
        sync.WaitForExit();
    }

    /// <summary>
    /// The first round runs where nothing is jitted yet (BLAKE3's vector code starts unoptimized, and a fresh server's
    /// first requests compile EF Core's queries): it shows start-up, not throughput, so it is measured and dropped.
    /// </summary>
    internal static void DropWarmUpRound(params List<double>[] measures)
    {
        foreach (var measure in measures)
        {
            measure.RemoveAt(0);
        }
    }

    internal static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    internal static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
