using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>Distribute Content to the site server's own distribution point, and what agents are told.</summary>
public sealed class DistributionTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HttpClient _admin;

    public DistributionTests()
    {
        _admin = _server.AdminClient();
    }

    public void Dispose()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Distributing_a_sequence_distributes_every_referenced_package_including_its_boot_image()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")));
        var drivers = await _admin.CreatePackageAsync("Drivers", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("b", "2")), PackageType.DriverPackage);
        var boot = await _admin.CreatePackageAsync("Boot", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("boot.wim", "3")), PackageType.BootImage);
        var unrelated = await _admin.CreatePackageAsync("Other", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("c", "4")));
        var sequenceId = await _admin.CreateSequenceAsync(boot.Id, tools.Id, drivers.Id);

        var queued = await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute", new DistributeContentRequest(), Api.Json);
        queued.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var status = await _admin.SettledStatusAsync($"/api/v1/task-sequences/{sequenceId}/content-status", 3);
        status.Select(s => s.PackageId).Order().ShouldBe(new[] { tools.Id, drivers.Id, boot.Id }.Order());
        status.ShouldAllBe(s => s.Status == DistributionStatus.Success && s.DistributionPointId == SiteServerDistributionPoint.Id && s.Version == 1);
        (await (await _admin.GetAsync($"/api/v1/packages/{unrelated.Id}/content-status")).ReadAsync<List<PackageDistributionStatus>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Distributing_again_skips_distribution_points_that_hold_the_version_and_redistributes_a_new_one()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1"));
        var tools = await _admin.CreatePackageAsync("Tools", source);
        var sequenceId = await _admin.CreateSequenceAsync(null, tools.Id);
        (await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute", new DistributeContentRequest(), Api.Json)).EnsureSuccessStatusCode();
        var first = (await _admin.SettledStatusAsync($"/api/v1/task-sequences/{sequenceId}/content-status", 1)).Single();

        var again = await (await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute", new DistributeContentRequest(), Api.Json))
            .ReadAsync<List<PackageDistributionStatus>>();
        again.Single().ShouldBe(first); // held at this version: not queued again

        File.WriteAllText(Path.Combine(source, "a"), "2");
        (await _admin.PostAsync($"/api/v1/packages/{tools.Id}/update-content", null)).EnsureSuccessStatusCode();
        var second = (await _admin.SettledStatusAsync($"/api/v1/task-sequences/{sequenceId}/content-status", 1)).Single();
        second.Version.ShouldBe(2);
        second.CurrentVersion.ShouldBe(2);
        second.Status.ShouldBe(DistributionStatus.Success);
    }

    [Fact]
    public async Task An_applications_dependencies_are_distributed_with_it_and_cannot_be_deleted_while_needed()
    {
        var runtime = await _admin.CreatePackageAsync("Runtime", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("rt.msi", "rt")), PackageType.Application);
        var app = await (await _admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest
        {
            Name = "App", Type = PackageType.Application, SourcePath = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("app.msi", "app")), Dependencies = [runtime.Id],
        }, Api.Json)).ReadAsync<PackageInfo>();

        (await _admin.PostAsJsonAsync($"/api/v1/packages/{app.Id}/distribute", new DistributeContentRequest(), Api.Json)).EnsureSuccessStatusCode();

        (await _admin.SettledStatusAsync($"/api/v1/packages/{runtime.Id}/content-status", 1)).Single().Status.ShouldBe(DistributionStatus.Success);
        (await (await _admin.DeleteAsync($"/api/v1/packages/{runtime.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain(app.Id);
    }

    [Fact]
    public async Task Dependencies_belong_to_applications_and_must_exist()
    {
        var source = ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1"));

        var unknown = await _admin.PostAsJsonAsync("/api/v1/packages",
            new CreatePackageRequest { Name = "App", Type = PackageType.Application, SourcePath = source, Dependencies = ["PKGNOPE"] }, Api.Json);
        var notApplication = await _admin.PostAsJsonAsync("/api/v1/packages",
            new CreatePackageRequest { Name = "Pkg", Type = PackageType.Package, SourcePath = source, Dependencies = ["PKGNOPE"] }, Api.Json);

        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("PKGNOPE");
        (await notApplication.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["dependencies"]);
    }

    [Fact]
    public async Task Distributing_a_sequence_that_names_an_unknown_package_is_refused_naming_the_step_setting()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")));
        // A save refuses a package the site lacks (issue 13); a sequence from a file lands with it, its content to come later.
        var sequence = new TaskSequence
        {
            Id = "", Name = "Imported",
            Nodes = [new StepNode { Name = "Download", Type = StepTypeIds.DownloadPackageContent, Settings = new Dictionary<string, string> { ["DownloadPackages"] = $"{tools.Id},PKGDEADBEEF" } }],
        };
        var sequenceId = (await (await _admin.PostAsJsonAsync("/api/v1/task-sequences", new CreateTaskSequenceRequest { Sequence = sequence }, Api.Json))
            .ReadAsync<TaskSequenceDetails>()).Summary.Id;

        var problem = await (await _admin.PostAsJsonAsync($"/api/v1/task-sequences/{sequenceId}/distribute", new DistributeContentRequest(), Api.Json))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("detail").GetString()!.ShouldContain("PKGDEADBEEF");
        problem.ErrorFields().ShouldBe(["0.DownloadPackages"]);
        (await (await _admin.GetAsync($"/api/v1/packages/{tools.Id}/content-status")).ReadAsync<List<PackageDistributionStatus>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Distributing_to_an_unknown_distribution_point_is_refused_naming_it()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("a", "1")));

        var problem = await (await _admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute",
            new DistributeContentRequest { DistributionPointIds = ["DPNOPE"] }, Api.Json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["distributionPointIds"]);
        (await _admin.PostAsJsonAsync("/api/v1/task-sequences/TSNOPE/distribute", new DistributeContentRequest(), Api.Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Agents_learn_a_package_has_no_distribution_point_until_it_is_distributed_then_download_it_by_hash()
    {
        var tools = await _admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(_server.SourcesDirectory, ("setup.sh", "echo hello")),
            programs: [new PackageProgram { Name = "Install", CommandLine = "sh setup.sh" }]);
        var (agent, _, deviceKey) = await _server.RegisterDeviceAsync();

        var before = await agent.GetContentLocationAsync(tools.Id);
        before.DistributionPoints.ShouldBeEmpty();
        before.Files.Single().Hash.ShouldBe(ContentTestKit.HashOf("echo hello"));
        before.Programs.Single().Name.ShouldBe("Install");

        (await _admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute", new DistributeContentRequest(), Api.Json)).EnsureSuccessStatusCode();
        await _admin.SettledStatusAsync($"/api/v1/packages/{tools.Id}/content-status", 1);
        var after = await agent.GetContentLocationAsync(tools.Id);
        var source = after.DistributionPoints.Single();
        source.DistributionPointId.ShouldBe(SiteServerDistributionPoint.Id);

        using var device = _server.CreateClient();
        var url = new Uri(new Uri(source.Url), $"dp/v1/files/{after.Files[0].Hash}");
        (await device.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        device.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", deviceKey);
        (await device.GetStringAsync(url)).ShouldBe("echo hello");
        using var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(5, null);
        var partial = await device.SendAsync(range);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsStringAsync()).ShouldBe("hello");
    }

    [Fact]
    public async Task Asking_for_the_content_of_an_unknown_package_is_a_not_found_problem_naming_it()
    {
        var (_, _, deviceKey) = await _server.RegisterDeviceAsync();
        using var device = _server.CreateClient();
        device.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", deviceKey);

        var problem = await (await device.GetAsync("/agent/v1/content/PKGMISSING")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString()!.ShouldContain("PKGMISSING");
    }

    [Fact]
    public async Task A_distribution_in_progress_when_the_server_stopped_completes_after_a_restart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string packageId;
            using (var first = new ServerFactory(dataDirectory: dataDirectory))
            {
                using var admin = first.AdminClient();
                packageId = (await admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(first.SourcesDirectory, ("a", "1")))).Id;

                // As the server left it when it stopped mid-copy: claimed, its lease run out.
                await using var scope = first.Services.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
                store.PackageDistributions.Add(new PackageDistributionEntity
                {
                    PackageId = packageId, DistributionPointId = SiteServerDistributionPoint.Id, Version = 1, Status = DistributionStatus.InProgress,
                    LeaseUntil = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Attempts = 1,
                });
                await store.SaveChangesAsync();
            }

            using var second = new ServerFactory(dataDirectory: dataDirectory);
            using var again = second.AdminClient();
            var status = (await again.SettledStatusAsync($"/api/v1/packages/{packageId}/content-status", 1)).Single();
            status.Status.ShouldBe(DistributionStatus.Success);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_node_copying_to_a_slow_distribution_point_renews_its_claim_so_no_other_node_takes_the_distribution_over()
    {
        // Accepts connections (the kernel's backlog does) and never answers: a copy that is still going on.
        var stalled = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        stalled.Start();
        try
        {
            using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Content:DistributionLeaseSeconds"] = "3" });
            using var admin = server.AdminClient();
            var dp = await (await admin.PostAsJsonAsync("/api/v1/distribution-points",
                new CreateDistributionPointRequest { Name = "Slow branch", Url = $"http://127.0.0.1:{((IPEndPoint)stalled.LocalEndpoint).Port}/", AccessKey = "slow-branch-access-key" }, Api.Json))
                .ReadAsync<DistributionPointInfo>();
            var tools = await admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(server.SourcesDirectory, ("a", "1")));
            (await admin.PostAsJsonAsync($"/api/v1/packages/{tools.Id}/distribute", new DistributeContentRequest { DistributionPointIds = [dp.Id] }, Api.Json))
                .EnsureSuccessStatusCode();
            var claimed = await RowAsync(server, tools.Id, dp.Id, row => row.Status == DistributionStatus.InProgress);

            // Well past the 3-s lease, which the copying node renews every second.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var otherNode = server.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DistributionWorker>().Single();
            using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    await otherNode.WorkOneAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    // It took the distribution over and stalled on the same DP until cancelled: the row below says so.
                }
            }

            var now = await RowAsync(server, tools.Id, dp.Id, _ => true);
            now.Status.ShouldBe(DistributionStatus.InProgress);
            now.Attempts.ShouldBe(1, "nobody claimed it a second time");
            now.UpdatedAt.ShouldBe(claimed.UpdatedAt);
            now.LeaseUntil.ShouldNotBeNull().ShouldBeGreaterThan(claimed.LeaseUntil!.Value, "the claim was renewed");
        }
        finally
        {
            stalled.Stop();
        }
    }

    private static async Task<PackageDistributionEntity> RowAsync(ServerFactory server, string packageId, string distributionPointId, Func<PackageDistributionEntity, bool> until)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = server.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<StoreContext>().PackageDistributions.AsNoTracking()
                .SingleOrDefaultAsync(d => d.PackageId == packageId && d.DistributionPointId == distributionPointId);
            if (row is not null && until(row))
            {
                return row;
            }

            attempt.ShouldBeLessThan(600, $"the distribution of {packageId} to {distributionPointId} is {row?.Status}");
            await Task.Delay(50);
        }
    }
}
