using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Refit;
using TsOrchestrator.Agent;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Bench;

/// <summary>
/// The content bench's HTTP side: a plain static-file server on loopback (Kestrel's static files over the source
/// folder, fetched by <c>curl</c> into files, one connection, one file after another: the baseline every content path
/// over HTTP is held to), and a stand-in for the site server that tells the agent where a package is and tells the DP
/// that the bench's device key is good, so the real <see cref="ContentDownloader"/> downloads from the real DP.
/// </summary>
internal sealed class ContentHttpBaseline : IAsyncDisposable
{
    public const string DeviceKey = "content-bench-device-key";

    private readonly WebApplication _app;
    private readonly string _source;
    private readonly Uri _url;

    private ContentHttpBaseline(WebApplication app, string source)
    {
        _app = app;
        _source = source;
        _url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>What the stand-in answers for <c>/agent/v1/content/{packageId}</c>.</summary>
    public ContentLocation? Location { get; set; }

    public Uri Url => _url;

    public static async Task<ContentHttpBaseline> StartAsync(string source)
    {
        var builder = WebApplication.CreateBuilder(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        ContentHttpBaseline? baseline = null;
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(source), RequestPath = "/static", ServeUnknownFileTypes = true });
        app.MapGet("/agent/v1/content-access", () => Results.NoContent());
        app.MapGet("/agent/v1/content/{packageId}", (string packageId) =>
            baseline!.Location is { } location && location.PackageId == packageId
                ? Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(location, ContractJson.AgentOptions), "application/json")
                : Results.NotFound());
        await app.StartAsync();
        baseline = new ContentHttpBaseline(app, source);
        return baseline;
    }

    /// <summary>curl fetches every source file from the static-file server into <paramref name="target"/>.</summary>
    public async Task CurlAllAsync(string target)
    {
        var config = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(_source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_source, file).Replace('\\', '/');
            config.Append(CultureInfo.InvariantCulture, $"url = \"{new Uri(_url, "static/" + relative)}\"\noutput = \"{Path.Combine(target, relative)}\"\n");
        }

        var configFile = target + ".curl";
        await File.WriteAllTextAsync(configFile, config.ToString());
        try
        {
            using var curl = Process.Start(new ProcessStartInfo("curl", ["--silent", "--show-error", "--fail", "--create-dirs", "--config", configFile]) { UseShellExecute = false })!;
            await curl.WaitForExitAsync();
            if (curl.ExitCode != 0)
            {
                throw new InvalidOperationException($"curl exited with {curl.ExitCode}");
            }
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    /// <summary>The agent's own downloader: asks the stand-in where the package is and downloads it from <paramref name="source"/>.</summary>
    public async Task AgentDownloadAsync(PackageManifest manifest, Uri source, string cache)
    {
        Location = new ContentLocation
        {
            PackageId = manifest.PackageId, Name = "Content bench", Version = manifest.Version, Files = manifest.Files, Programs = [],
            DistributionPoints = [new ContentSource { DistributionPointId = "DPBENCH", Url = source.ToString() }],
        };
        using var site = new HttpClient { BaseAddress = _url };
        var api = new CheckedAgentApi(RestService.For<IAgentApi>(site, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.AgentOptions) }));
        using var content = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        content.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DeviceKey);
        await new ContentDownloader(api, content, cache, new AgentLog(TextWriter.Null, TimeProvider.System)).DownloadAsync(manifest.PackageId, _ => { }, CancellationToken.None);
    }

    /// <summary>
    /// A plain download loop, the same-run reference for any change to the agent's download: one file after another, 64 KB
    /// reads, each hashed and then written before the next read.
    /// </summary>
    public static async Task SequentialDownloadAsync(PackageManifest manifest, Uri source, string folder)
    {
        using var content = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        content.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DeviceKey);
        var buffer = new byte[1 << 16];
        foreach (var file in manifest.Files)
        {
            var target = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var response = await content.GetAsync(new Uri(source, $"dp/v1/files/{file.Hash}"), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            using var hash = ContentHash.CreateHasher(file.Hash);
            await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                hash.Append(buffer.AsSpan(0, read));
                await output.WriteAsync(buffer.AsMemory(0, read));
            }

            if (hash.Finish() != file.Hash)
            {
                throw new InvalidDataException($"{file.Path}: hash mismatch");
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
