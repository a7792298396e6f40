using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Testing;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Tests.Exchange;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>A distribution point host beside the site server on loopback: distribution over HTTP, downloads there, refusals of bad content, prestaged files.</summary>
public sealed class RemoteDistributionPointTests : IAsyncLifetime, IDisposable
{
    private readonly ServerFactory _site = new();
    private DistributionPointProcess _dp = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _site.UseKestrel(0);
        _site.StartServer();
        _dp = new DistributionPointProcess(_site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await _dp.StartAsync();
        _admin = _site.AdminClient();
    }

    public async Task DisposeAsync() => await _dp.DisposeAsync();

    public void Dispose()
    {
        _admin.Dispose();
        _site.Dispose();
    }

    private async Task<DistributionPointInfo> RegisterDpAsync() =>
        await (await _admin.PostAsJsonAsync("/api/v1/distribution-points",
            new CreateDistributionPointRequest { Name = "Branch DP", Url = _dp.Address.ToString(), AccessKey = DistributionPointProcess.AccessKey }, Api.Json))
            .ReadAsync<DistributionPointInfo>();

    private HttpClient SiteServerCaller()
    {
        var client = new HttpClient { BaseAddress = _dp.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DistributionPointProcess.AccessKey);
        return client;
    }

    [Fact]
    public async Task Distributing_to_a_collections_distribution_points_copies_each_file_once_and_agents_prefer_them()
    {
        var dp = await RegisterDpAsync();
        var group = await (await _admin.PostAsJsonAsync("/api/v1/distribution-point-groups",
            new CreateDistributionPointGroupRequest { Name = "Branch", DistributionPointIds = [dp.Id] }, Api.Json)).ReadAsync<DistributionPointGroupInfo>();
        var collection = await (await _admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Branch devices" }, Api.Json)).ReadAsync<CollectionInfo>();
        (await _admin.PutAsync($"/api/v1/distribution-point-groups/{group.Id}/collections/{collection.Id}", null)).EnsureSuccessStatusCode();
        var (agent, deviceId, deviceKey) = await _site.RegisterDeviceAsync();
        (await _admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{deviceId}", null)).EnsureSuccessStatusCode();

        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("a.txt", "shared"), ("b.txt", "shared"), ("c.txt", "own")));
        var boot = await _admin.CreatePackageAsync("Boot", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("boot.wim", "shared")), PackageType.BootImage);
        var sequenceId = await _admin.CreateSequenceAsync(boot.Id, tools.Id);

        (await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute",
            new DistributeContentRequest { CollectionIds = [collection.Id], DistributionPointIds = [SiteServerDistributionPoint.Id] }, Api.Json)).EnsureSuccessStatusCode();
        var status = await _admin.SettledStatusAsync($"/api/v1/task-sequences/{sequenceId}/content-status", 4);

        status.ShouldAllBe(s => s.Status == DistributionStatus.Success, string.Join("; ", status.Select(s => s.Message)));
        status.Count(s => s.DistributionPointId == dp.Id).ShouldBe(2);
        File.ReadAllText(_dp.ContentPath(ContentTestKit.HashOf("shared"))).ShouldBe("shared");
        File.ReadAllText(_dp.ContentPath(ContentTestKit.HashOf("own"))).ShouldBe("own");
        Directory.EnumerateFiles(Path.Combine(_dp.DataDirectory, "content"), "*", SearchOption.AllDirectories)
            .Count(f => !f.Contains($"{Path.DirectorySeparatorChar}packages{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ShouldBe(2);
        using (var site = SiteServerCaller())
        {
            (await (await site.GetAsync($"dp/v1/packages/{tools.Id}/versions/1")).ReadAsync<PackageManifest>()).Files.Count.ShouldBe(3);
        }

        var location = await agent.GetContentLocationAsync(tools.Id);
        location.DistributionPoints.Select(d => d.DistributionPointId).ShouldBe([dp.Id, SiteServerDistributionPoint.Id]);
        location.DistributionPoints[0].Url.ShouldBe(_dp.Address.ToString());

        // The DP asks the site server whether the device key is good.
        using var device = new HttpClient { BaseAddress = _dp.Address };
        var file = $"dp/v1/files/{ContentTestKit.HashOf("own")}";
        (await device.GetAsync(file)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tsk_not-a-device-key");
        (await device.GetAsync(file)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", deviceKey);
        (await device.GetStringAsync(file)).ShouldBe("own");
    }

    [Fact]
    public async Task Content_validation_finds_a_file_corrupted_on_a_distribution_point_and_distributing_again_repairs_it()
    {
        var dp = await RegisterDpAsync();
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("setup.sh", "echo install"), ("readme", "read me")));
        var distribute = new DistributeContentRequest { DistributionPointIds = [dp.Id, SiteServerDistributionPoint.Id] };
        (await _admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute", distribute, Api.Json)).EnsureSuccessStatusCode();
        await _admin.SettledStatusAsync($"/api/v1/packages/{tools.Id}/content-status", 2);

        var hash = ContentTestKit.HashOf("echo install");
        File.WriteAllText(_dp.ContentPath(hash), "echo pwned!!"); // same length, other bytes
        var validated = await (await _admin.PostAsync($"/api/v1/packages/{tools.Id}/validate", null)).ReadAsync<List<PackageDistributionStatus>>();

        var onDp = validated.Single(s => s.DistributionPointId == dp.Id);
        onDp.Status.ShouldBe(DistributionStatus.Failed);
        onDp.Message!.ShouldContain("setup.sh");
        validated.Single(s => s.DistributionPointId == SiteServerDistributionPoint.Id).Status.ShouldBe(DistributionStatus.Success);
        (await (await _site.RegisterDeviceAsync()).Agent.GetContentLocationAsync(tools.Id)).DistributionPoints.Select(d => d.DistributionPointId)
            .ShouldBe([SiteServerDistributionPoint.Id]);

        (await _admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute", distribute, Api.Json)).EnsureSuccessStatusCode();
        (await _admin.SettledStatusAsync($"/api/v1/packages/{tools.Id}/content-status", 2)).ShouldAllBe(s => s.Status == DistributionStatus.Success);
        File.ReadAllText(_dp.ContentPath(hash)).ShouldBe("echo install");
    }

    [Fact]
    public async Task A_file_larger_than_the_default_request_body_limit_reaches_a_remote_distribution_point()
    {
        var dp = await RegisterDpAsync();
        var source = ContentTestKit.SourceFolder(_site.SourcesDirectory);
        var image = new byte[40 << 20];
        new Random(7).NextBytes(image);
        await File.WriteAllBytesAsync(Path.Combine(source, "install.wim"), image);
        var os = await _admin.CreatePackageAsync("Windows 11", source, PackageType.OsImage);

        (await _admin.PostAsJsonAsync($"/api/v1/packages/{os.Id}/distribute", new DistributeContentRequest { DistributionPointIds = [dp.Id] }, Api.Json))
            .EnsureSuccessStatusCode();
        var status = (await _admin.SettledStatusAsync($"/api/v1/packages/{os.Id}/content-status", 1)).Single();

        status.Status.ShouldBe(DistributionStatus.Success, status.Message);
        var hash = ContentTestKit.HashOf(image);
        new FileInfo(_dp.ContentPath(hash)).Length.ShouldBe(image.Length);
    }

    [Fact]
    public async Task A_distribution_point_refuses_content_that_does_not_match_its_hash_and_keeps_nothing()
    {
        using var site = SiteServerCaller();
        var hash = ContentTestKit.HashOf("the real bytes");

        var corrupt = await site.PutAsync($"dp/v1/files/{hash}", new StringContent("the r3al bytes"));
        var truncated = await site.PutAsync($"dp/v1/files/{hash}", new StringContent("the real"));

        (await corrupt.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain(hash);
        await truncated.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        File.Exists(_dp.ContentPath(hash)).ShouldBeFalse();
        Directory.EnumerateFiles(Path.Combine(_dp.DataDirectory, "content", "tmp"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
        (await site.PutAsync($"dp/v1/files/{hash}", new StringContent("the real bytes"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        File.ReadAllText(_dp.ContentPath(hash)).ShouldBe("the real bytes");
    }

    [Fact]
    public async Task Only_the_site_server_may_put_content_on_a_distribution_point()
    {
        using var stranger = new HttpClient { BaseAddress = _dp.Address };
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-access-key-at-all");

        (await stranger.PutAsync($"dp/v1/files/{ContentTestKit.HashOf("x")}", new StringContent("x"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stranger.GetAsync("healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stranger.GetAsync("api/v1/packages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_distribution_point_that_refuses_the_access_key_fails_the_distribution_with_its_reason()
    {
        var dp = await (await _admin.PostAsJsonAsync("/api/v1/distribution-points",
            new CreateDistributionPointRequest { Name = "Misconfigured", Url = _dp.Address.ToString(), AccessKey = "a-different-key-entirely" }, Api.Json))
            .ReadAsync<DistributionPointInfo>();
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("a", "1")));

        (await _admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute", new DistributeContentRequest { DistributionPointIds = [dp.Id] }, Api.Json))
            .EnsureSuccessStatusCode();
        var status = (await _admin.SettledStatusAsync($"/api/v1/packages/{tools.Id}/content-status", 1)).Single();

        status.Status.ShouldBe(DistributionStatus.Failed);
        status.Message!.ShouldContain("401");
        (await (await _site.RegisterDeviceAsync()).Agent.GetContentLocationAsync(tools.Id)).DistributionPoints.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_distribution_point_that_does_not_answer_stays_pending_with_the_reason_until_it_is_tried_again()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dp = await (await _admin.PostAsJsonAsync("/api/v1/distribution-points",
            new CreateDistributionPointRequest { Name = "Offline", Url = $"http://127.0.0.1:{port}/", AccessKey = DistributionPointProcess.AccessKey }, Api.Json))
            .ReadAsync<DistributionPointInfo>();
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("a", "1")));

        (await _admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute", new DistributeContentRequest { DistributionPointIds = [dp.Id] }, Api.Json))
            .EnsureSuccessStatusCode();

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        PackageDistributionStatus status;
        do
        {
            await Task.Delay(50);
            status = (await (await _admin.GetAsync($"/api/v1/packages/{tools.Id}/content-status")).ReadAsync<List<PackageDistributionStatus>>()).Single();
        }
        while (status.Message is null && DateTimeOffset.UtcNow < deadline);

        status.Status.ShouldBe(DistributionStatus.Pending);
        status.Message.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_prestaged_content_file_imports_at_a_distribution_point_after_every_hash_is_checked()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("a.txt", "alpha"), ("sub/b.txt", "beta")));
        var drivers = await _admin.CreatePackageAsync("Drivers", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("d.inf", "alpha")), PackageType.DriverPackage);
        var app = await (await _admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest
        {
            Name = "App", Type = PackageType.Application, SourcePath = ContentTestKit.SourceFolder(_site.SourcesDirectory, ("app.msi", "alpha")), Dependencies = [drivers.Id],
        }, Api.Json)).ReadAsync<PackageInfo>();

        // The application brings its dependency into the file.
        var prestage = await _admin.PostAsJsonAsync("/api/v1/packages/prestage", new PrestageContentRequest { PackageIds = [tools.Id, app.Id] }, Api.Json);
        prestage.IsSuccessStatusCode.ShouldBeTrue(await prestage.Content.ReadAsStringAsync());
        var bytes = await prestage.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            zip.Entries.Select(e => e.FullName).Order().ShouldBe(new[] { "prestaged.json", "files/" + ContentTestKit.HashOf("alpha"), "files/" + ContentTestKit.HashOf("beta") }.Order());
        }

        using var site = SiteServerCaller();
        var imported = await (await site.PostAsync("dp/v1/prestaged", new ByteArrayContent(bytes))).ReadAsync<List<PackageManifest>>();

        imported.Select(p => p.PackageId).ShouldBe([tools.Id, app.Id, drivers.Id]);
        File.ReadAllText(_dp.ContentPath(ContentTestKit.HashOf("beta"))).ShouldBe("beta");
        (await (await site.GetAsync($"dp/v1/packages/{drivers.Id}/versions/1")).ReadAsync<PackageManifest>()).Files.Single().Path.ShouldBe("d.inf");
    }

    [Fact]
    public async Task A_prestaged_file_written_before_blake3_imports_under_its_sha256_names()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("a.txt", "alpha"), ("b.txt", "beta")));
        var bytes = await (await _admin.PostAsJsonAsync("/api/v1/packages/prestage", new PrestageContentRequest { PackageIds = [tools.Id] }, Api.Json)).Content.ReadAsByteArrayAsync();

        // Format 1 as it was written: version 1, files named by SHA-256 under "sha256", entries files/<sha256>.
        var legacy = new Dictionary<string, string> { [ContentTestKit.HashOf("alpha")] = ContentTestKit.Sha256Of("alpha"), [ContentTestKit.HashOf("beta")] = ContentTestKit.Sha256Of("beta") };
        using var format1 = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(bytes)))
        using (var target = new ZipArchive(format1, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var copy = new MemoryStream();
                await read.CopyToAsync(copy);
                var content = entry.FullName == "prestaged.json"
                    ? ExchangeTestKit.Edit(copy.ToArray(), m =>
                    {
                        m["formatVersion"] = 1;
                        foreach (var file in m["packages"]!.AsArray().SelectMany(p => p!["files"]!.AsArray()).OfType<System.Text.Json.Nodes.JsonObject>())
                        {
                            file.Remove("hash", out var hash);
                            file["sha256"] = legacy[hash!.GetValue<string>()];
                        }
                    })
                    : copy.ToArray();
                var name = entry.FullName.StartsWith("files/", StringComparison.Ordinal) ? "files/" + legacy[entry.FullName["files/".Length..]] : entry.FullName;
                await using var write = await target.CreateEntry(name).OpenAsync();
                await write.WriteAsync(content);
            }
        }

        using var site = SiteServerCaller();
        var imported = await (await site.PostAsync("dp/v1/prestaged", new ByteArrayContent(format1.ToArray()))).ReadAsync<List<PackageManifest>>();

        imported.Single().Files.Select(f => f.Hash).Order().ShouldBe(legacy.Values.Order());
        File.ReadAllText(_dp.ContentPath(ContentTestKit.Sha256Of("beta"))).ShouldBe("beta");
        using var agentSide = new HttpClient { BaseAddress = _dp.Address };
        agentSide.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await _site.RegisterDeviceAsync()).DeviceKey);
        (await agentSide.GetStringAsync($"dp/v1/files/{ContentTestKit.Sha256Of("alpha")}")).ShouldBe("alpha");
    }

    [Fact]
    public async Task A_file_that_is_not_a_prestaged_content_file_is_refused_and_nothing_is_written()
    {
        using var site = SiteServerCaller();
        var notZip = await site.PostAsync("dp/v1/prestaged", new StringContent("just some text"));
        (await notZip.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("not a prestaged content file");

        using var other = new MemoryStream();
        using (var zip = new ZipArchive(other, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await zip.CreateEntry("readme.txt").OpenAsync();
            await entry.WriteAsync("hello"u8.ToArray());
        }

        var someZip = await site.PostAsync("dp/v1/prestaged", new ByteArrayContent(other.ToArray()));
        (await someZip.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["file"]);
        Directory.EnumerateFiles(Path.Combine(_dp.DataDirectory, "content"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_prestaged_file_with_a_corrupt_or_truncated_entry_is_refused_whole()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_site.SourcesDirectory, ("a.txt", "alpha"), ("b.txt", "beta")));
        var bytes = await (await _admin.PostAsJsonAsync("/api/v1/packages/prestage", new PrestageContentRequest { PackageIds = [tools.Id] }, Api.Json)).Content.ReadAsByteArrayAsync();

        // Same zip, one entry's bytes swapped for others: the manifest still claims the old hash.
        using var tampered = new MemoryStream();
        tampered.Write(bytes);
        using (var zip = new ZipArchive(tampered, ZipArchiveMode.Update, leaveOpen: true))
        {
            var name = "files/" + ContentTestKit.HashOf("beta");
            zip.GetEntry(name)!.Delete();
            await using var entry = await zip.CreateEntry(name).OpenAsync();
            await entry.WriteAsync("BETA"u8.ToArray());
        }

        using var site = SiteServerCaller();
        var corrupt = await site.PostAsync("dp/v1/prestaged", new ByteArrayContent(tampered.ToArray()));
        (await corrupt.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("corrupt");

        var truncated = await site.PostAsync("dp/v1/prestaged", new ByteArrayContent(bytes[..(bytes.Length / 2)]));
        await truncated.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Directory.EnumerateFiles(Path.Combine(_dp.DataDirectory, "content"), "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
