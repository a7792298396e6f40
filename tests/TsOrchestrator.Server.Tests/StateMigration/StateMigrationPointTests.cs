using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Server.StateMigration;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.StateMigration;

/// <summary>The state migration point on the real server and a real SQLite store: what it keeps, for whom, and for how long.</summary>
public sealed class StateMigrationPointTests
{
    // Several chunks of the cipher, the last one partial; a marker that must never be found on the server's disk.
    private static readonly byte[] Marker = "alice-thesis-chapter-7-"u8.ToArray();
    private static readonly byte[] State = [.. Enumerable.Range(0, 2_700_000 / Marker.Length + 1).SelectMany(_ => Marker)];

    [Fact]
    public async Task Captured_state_is_encrypted_at_rest_and_restores_byte_identical()
    {
        using var server = new ServerFactory();
        var site = new StateMigrationSite(server, server.DataDirectory);
        var device = await site.RegisterAsync("lab-01");
        var store = await site.RequestAsync(device, "Capture");

        var stored = await (await site.UploadAsync(device, store.Id, State)).ReadAsync<StateStoreInfo>();

        stored.Status.ShouldBe("Captured");
        stored.SizeBytes.ShouldBe(State.Length);
        var files = Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories).ToList();
        files.ShouldContain(f => f.EndsWith(".state", StringComparison.Ordinal));
        foreach (var file in files)
        {
            // SQLite deletes its -shm/-wal files at a checkpoint while the server runs: a file gone since the listing holds nothing.
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file);
            }
            catch (FileNotFoundException) when (file.EndsWith("-shm", StringComparison.Ordinal) || file.EndsWith("-wal", StringComparison.Ordinal))
            {
                continue;
            }

            Contains(bytes, Marker).ShouldBeFalse($"{file} holds the user state in clear");
        }

        var restore = await site.RequestAsync(device, "Restore");
        restore.Id.ShouldBe(store.Id);
        restore.Status.ShouldBe("Restoring");
        var download = await site.DownloadAsync(device, store.Id);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(State);
    }

    [Fact]
    public async Task A_device_cannot_read_write_or_release_another_device_s_store()
    {
        using var server = new ServerFactory();
        var site = new StateMigrationSite(server, server.DataDirectory);
        var owner = await site.RegisterAsync("lab-01");
        var intruder = await site.RegisterAsync("lab-02");
        var store = await site.RequestAsync(owner, "Capture");
        (await site.UploadAsync(owner, store.Id, State)).EnsureSuccessStatusCode();

        await (await site.DownloadAsync(intruder, store.Id)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await site.UploadAsync(intruder, store.Id, [1, 2, 3])).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var release = await Should.ThrowAsync<ApiException>(() => site.Agent(intruder.DeviceKey).ReleaseStateStoreAsync(store.Id));
        release.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var restore = await Should.ThrowAsync<ApiException>(() => site.RequestAsync(intruder, "Restore"));
        restore.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await (await site.DownloadAsync(owner, store.Id)).Content.ReadAsByteArrayAsync()).ShouldBe(State);
    }

    [Fact]
    public async Task Computer_association_lets_the_destination_device_restore_the_source_device_s_state()
    {
        using var server = new ServerFactory();
        var site = new StateMigrationSite(server, server.DataDirectory);
        var old = await site.RegisterAsync("old-pc");
        var replacement = await site.RegisterAsync("new-pc");
        var store = await site.RequestAsync(old, "Capture");
        (await site.UploadAsync(old, store.Id, State)).EnsureSuccessStatusCode();
        using var admin = site.Client(site.AdminKey);

        var association = await (await admin.PostAsJsonAsync("/api/v1/computer-associations",
            new CreateComputerAssociationRequest { SourceDeviceId = old.DeviceId, DestinationDeviceId = replacement.DeviceId })).ReadAsync<ComputerAssociationInfo>();
        var restore = await site.RequestAsync(replacement, "Restore");

        association.SourceDeviceId.ShouldBe(old.DeviceId);
        restore.Id.ShouldBe(store.Id);
        restore.RestoringDeviceId.ShouldBe(replacement.DeviceId);
        (await (await site.DownloadAsync(replacement, store.Id)).Content.ReadAsByteArrayAsync()).ShouldBe(State);
        (await site.Agent(replacement.DeviceKey).ReleaseStateStoreAsync(store.Id)).Status.ShouldBe("Released");
    }

    [Fact]
    public async Task Restore_without_a_captured_store_fails_naming_the_device()
    {
        using var server = new ServerFactory();
        var site = new StateMigrationSite(server, server.DataDirectory);
        var device = await site.RegisterAsync("lab-01");
        using var client = site.Client(device.DeviceKey);

        var response = await client.PostAsJsonAsync("/agent/v1/state-stores", new StateStoreRequest { Purpose = "Restore", RunId = "r1", WorkItemId = "w1" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain($"no captured, unreleased user state of device '{device.DeviceId}'");
    }

    [Fact]
    public async Task Retried_capture_request_answers_the_store_it_already_created()
    {
        using var server = new ServerFactory();
        var site = new StateMigrationSite(server, server.DataDirectory);
        var device = await site.RegisterAsync("lab-01");

        var first = await site.RequestAsync(device, "Capture");
        var again = await site.RequestAsync(device, "Capture");
        var next = await site.RequestAsync(device, "Capture", workItem: "w2");

        again.Id.ShouldBe(first.Id);
        next.Id.ShouldNotBe(first.Id);
    }

    [Fact]
    public async Task State_larger_than_the_limit_is_refused_and_nothing_is_stored()
    {
        using var server = new ServerFactory();
        using var limited = server.WithWebHostBuilder(b => b.UseSetting("StateMigration:MaxStoreBytes", "1000"));
        var site = new StateMigrationSite(limited, server.DataDirectory);
        var device = await site.RegisterAsync("lab-01");
        var store = await site.RequestAsync(device, "Capture");

        var problem = await (await site.UploadAsync(device, store.Id, State)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString()!.ShouldContain("StateMigration:MaxStoreBytes");
        var folder = Path.Combine(server.DataDirectory, "state-stores");
        (Directory.Exists(folder) ? Directory.GetFiles(folder) : []).ShouldBeEmpty();
        using var admin = site.Client(site.AdminKey);
        (await (await admin.GetAsync(new Uri($"/api/v1/state-stores/{store.Id}", UriKind.Relative))).ReadAsync<StateStoreInfo>()).Status.ShouldBe("Capturing");
    }

    [Fact]
    public async Task Released_store_is_deleted_by_the_retention_sweep_once_its_days_are_up()
    {
        var clock = new MovableClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var server = new ServerFactory();
        using var app = server.WithWebHostBuilder(b =>
        {
            b.UseSetting("StateMigration:RetentionDays", "3");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var site = new StateMigrationSite(app, server.DataDirectory);
        var device = await site.RegisterAsync("lab-01");
        var kept = await site.RequestAsync(device, "Capture");
        (await site.UploadAsync(device, kept.Id, State)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(1));
        var store = await site.RequestAsync(device, "Capture", workItem: "w2");
        (await site.UploadAsync(device, store.Id, State)).EnsureSuccessStatusCode();
        (await site.RequestAsync(device, "Restore")).Id.ShouldBe(store.Id, "the latest capture is the one restored");
        var released = await site.Agent(device.DeviceKey).ReleaseStateStoreAsync(store.Id);
        released.DeleteAfter.ShouldBe(clock.GetUtcNow().AddDays(3));
        using var admin = site.Client(site.AdminKey);

        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        (await SweepAsync(app)).ShouldBe(0);
        (await admin.GetAsync(new Uri($"/api/v1/state-stores/{store.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(2));
        (await SweepAsync(app)).ShouldBe(1);

        await (await admin.GetAsync(new Uri($"/api/v1/state-stores/{store.Id}", UriKind.Relative))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await site.DownloadAsync(device, store.Id)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var left = Directory.GetFiles(Path.Combine(server.DataDirectory, "state-stores")).Select(Path.GetFileName).ToList();
        left.ShouldHaveSingleItem().ShouldStartWith(kept.Id, customMessage: "the unreleased capture stays");
        (await admin.GetFromJsonAsync<List<StateStoreInfo>>("/api/v1/state-stores", Api.Json))!.Select(s => s.Id).ShouldBe([kept.Id]);
    }

    [Fact]
    public async Task Administrator_deletes_a_store_and_its_file()
    {
        using var server = new ServerFactory();
        var site = new StateMigrationSite(server, server.DataDirectory);
        var device = await site.RegisterAsync("lab-01");
        var store = await site.RequestAsync(device, "Capture");
        (await site.UploadAsync(device, store.Id, State)).EnsureSuccessStatusCode();
        using var admin = site.Client(site.AdminKey);

        (await admin.DeleteAsync(new Uri($"/api/v1/state-stores/{store.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        Directory.GetFiles(Path.Combine(server.DataDirectory, "state-stores")).ShouldBeEmpty();
        await (await site.DownloadAsync(device, store.Id)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<int> SweepAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StateStoreService>().SweepAsync(CancellationToken.None);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
