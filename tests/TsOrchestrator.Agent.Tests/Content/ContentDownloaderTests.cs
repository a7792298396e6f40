using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Refit;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Agent.Tests.Content;

/// <summary>A download that is not what the package says never stays in the cache, and is not read past its declared size.</summary>
public sealed class ContentDownloaderTests : IDisposable
{
    private static readonly byte[] Genuine = Encoding.UTF8.GetBytes("#!/bin/sh\necho the genuine tool\n");
    private readonly string _cache = Directory.CreateTempSubdirectory("tsorch-cache-").FullName;
    private readonly StringWriter _log = new();

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task Download_whose_bytes_do_not_match_leaves_nothing_in_the_cache()
    {
        var tampered = Encoding.UTF8.GetBytes("#!/bin/sh\necho the GENUINE tool\n"); // as long as the genuine one: only the hash can tell
        await using var server = await DistributionPointAsync(context => context.Response.Body.WriteAsync(tampered).AsTask());

        var failure = await Should.ThrowAsync<ContentNotAvailableException>(() => Downloader(server).DownloadAsync("PKG00001", _ => { }, CancellationToken.None));

        failure.Message.ShouldContain("hash mismatch");
        Directory.GetFiles(_cache, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Source_sending_more_than_the_declared_size_is_cut_off_at_it()
    {
        await using var server = await DistributionPointAsync(async context =>
        {
            var block = new byte[1 << 20];
            try
            {
                for (var mb = 0; mb < 4096; mb++)
                {
                    await context.Response.Body.WriteAsync(block, context.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The agent hung up, as it should.
            }
        });

        var failure = await Should.ThrowAsync<ContentNotAvailableException>(() => Downloader(server).DownloadAsync("PKG00001", _ => { }, CancellationToken.None));

        failure.Message.ShouldContain($"the distribution point sends more than the package's {Genuine.Length} bytes");
        Directory.GetFiles(_cache, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Package_of_many_files_some_larger_than_a_chunk_arrives_whole_and_complete()
    {
        var files = ManyFiles();
        await using var server = await PackageOfAsync(files, (hash, bytes) => bytes);

        var package = await Downloader(server).DownloadAsync("PKG00002", _ => { }, CancellationToken.None);

        foreach (var (path, bytes) in files)
        {
            (await File.ReadAllBytesAsync(Path.Combine(package.Folder, path))).ShouldBe(bytes, path);
        }
    }

    [Fact]
    public async Task One_tampered_file_among_many_downloaded_at_once_leaves_nothing_in_the_cache()
    {
        var files = ManyFiles();
        var tampered = ContentHash.Compute(files["drivers/d5.inf"]);
        await using var server = await PackageOfAsync(files, (hash, bytes) => hash == tampered ? [.. Enumerable.Reverse(bytes)] : bytes);

        var failure = await Should.ThrowAsync<ContentNotAvailableException>(() => Downloader(server).DownloadAsync("PKG00002", _ => { }, CancellationToken.None));

        failure.Message.ShouldContain("drivers/d5.inf: hash mismatch");
        Directory.GetFiles(_cache, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public void Downloads_a_crash_left_half_done_are_removed_at_the_start()
    {
        var partial = Directory.CreateDirectory(Path.Combine(_cache, "PKG00001", "3.partial")).FullName;
        File.WriteAllText(Path.Combine(partial, "half"), "half a file");
        var complete = Directory.CreateDirectory(Path.Combine(_cache, "PKG00001", "2")).FullName;

        new ContentDownloader(null!, new HttpClient(), _cache, new AgentLog(_log, TimeProvider.System)).RemovePartialDownloads();

        Directory.Exists(partial).ShouldBeFalse();
        Directory.Exists(complete).ShouldBeTrue();
    }

    private ContentDownloader Downloader(MisbehavingServer server)
    {
        var api = RestService.For<IAgentApi>(new HttpClient { BaseAddress = new Uri(server.Url) },
            new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.AgentOptions) });
        return new ContentDownloader(new CheckedAgentApi(api), new HttpClient(), _cache, new AgentLog(_log, TimeProvider.System));
    }

    /// <summary>Small files and two larger than the downloader's 1 MB chunk (one not a multiple of it), all different.</summary>
    private static Dictionary<string, byte[]> ManyFiles()
    {
        var random = new Random(7);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            files[$"drivers/d{i}.inf"] = Bytes(random, 1000 + i);
        }

        files["image.wim"] = Bytes(random, (3 << 20) + 12345);
        files["boot.sdi"] = Bytes(random, 2 << 20);
        return files;
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The site's answer for a package of these files, and a DP (the same server) sending what <paramref name="send"/> makes of each.</summary>
    private static Task<MisbehavingServer> PackageOfAsync(Dictionary<string, byte[]> files, Func<string, byte[], byte[]> send)
    {
        var byHash = files.Values.ToDictionary(bytes => ContentHash.Compute(bytes), bytes => bytes, StringComparer.Ordinal);
        var listed = string.Join(",", files.Select(f => $$"""{"path": "{{f.Key}}", "size": {{f.Value.Length}}, "hash": "{{ContentHash.Compute(f.Value)}}"}"""));
        return MisbehavingServer.StartAsync(app =>
        {
            app.MapGet("/agent/v1/content/PKG00002", (HttpContext context) => MisbehavingServer.Json($$"""
                {"packageId": "PKG00002", "name": "Drivers", "version": 1, "files": [{{listed}}],
                 "programs": [], "distributionPoints": [{"distributionPointId": "DP1", "url": "http://{{context.Request.Host}}"}]}
                """));
            app.MapGet("/dp/v1/files/{hash}", (string hash) => Results.Bytes(send(hash, byHash[hash]), "application/octet-stream"));
        });
    }

    /// <summary>The site's answer for one package of one file, and a distribution point (the same server) sending what the test says.</summary>
    private static Task<MisbehavingServer> DistributionPointAsync(RequestDelegate file)
    {
        var hash = ContentHash.Compute(Genuine);
        return MisbehavingServer.StartAsync(app =>
        {
            app.MapGet("/agent/v1/content/PKG00001", (HttpContext context) => MisbehavingServer.Json($$"""
                {"packageId": "PKG00001", "name": "Tools", "version": 1, "files": [{"path": "tool.sh", "size": {{Genuine.Length}}, "hash": "{{hash}}"}],
                 "programs": [], "distributionPoints": [{"distributionPointId": "DP1", "url": "http://{{context.Request.Host}}"}]}
                """));
            app.MapGet($"/dp/v1/files/{hash}", file);
        });
    }
}
