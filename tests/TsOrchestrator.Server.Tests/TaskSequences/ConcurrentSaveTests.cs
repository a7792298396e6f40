using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Folders;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Tests.Content;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.TaskSequences;

/// <summary>
/// Issue 14: two saves with the same If-Match answered the loser 500 (the unique key of the new version row) in most
/// tries. A race is a 409 naming If-Match with the current version, never a 500, on every save path.
/// </summary>
public sealed class ConcurrentSaveTests
{
    // Each try is two requests released together; enough tries that the old 500 showed in nearly every run.
    private const int Tries = 15;

    [Fact]
    public Task Two_saves_from_one_version_give_the_loser_409_with_the_current_version() => SavesRaceAsync(new ServerFactory(), properties: false);

    [Fact]
    public Task Two_properties_saves_from_one_version_give_the_loser_409_with_the_current_version() => SavesRaceAsync(new ServerFactory(), properties: true);

    [SkippableFact]
    public async Task Two_saves_from_one_version_give_the_loser_409_on_PostgreSQL()
    {
        Skip.If(ServerFactory.PostgresServer is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        await SavesRaceAsync(new ServerFactory(ServerFactory.PostgresServer), properties: false);
    }

    [Fact]
    public async Task Two_package_updates_from_one_version_give_the_loser_409_with_the_current_version()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var package = await admin.CreatePackageAsync("Tools", ContentTestKit.SourceFolder(server.SourcesDirectory, ("a", "0")));
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var current = await (await admin.GetAsync($"/api/v1/packages/{package.Id}")).ReadAsync<PackageInfo>();
            var etag = $"\"{current.ConcurrencyVersion}\"";
            var sources = new[] { $"{attempt}-left", $"{attempt}-right" }.Select(text => ContentTestKit.SourceFolder(server.SourcesDirectory, ("a", text))).ToList();

            var answers = await TogetherAsync(sources.Select(source => (Func<Task<HttpResponseMessage>>)(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/packages/{package.Id}")
                {
                    Content = JsonContent.Create(new UpdatePackageRequest { SourcePath = source }, options: Api.Json),
                };
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                return await admin.SendAsync(request);
            })));

            var after = await (await admin.GetAsync($"/api/v1/packages/{package.Id}")).ReadAsync<PackageInfo>();
            await OneWinsTheOtherIsStaleAsync(answers, after.ConcurrencyVersion);
        }
    }

    [Fact]
    public async Task Creating_one_folder_twice_at_once_answers_409_not_500()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var name = $"Lab {attempt}";
            var answers = await TogetherAsync(Enumerable.Repeat<Func<Task<HttpResponseMessage>>>(
                () => admin.PostAsJsonAsync("/api/v1/folders", new CreateFolderRequest { Name = name }, Api.Json), 2));

            answers.Select(a => a.StatusCode).Order().ToArray().ShouldBe(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
        }
    }

    [Fact]
    public async Task Deleting_one_folder_twice_at_once_answers_no_500()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var name = $"Old {attempt}";
            (await admin.PostAsJsonAsync("/api/v1/folders", new CreateFolderRequest { Name = name }, Api.Json)).StatusCode.ShouldBe(HttpStatusCode.Created);

            var answers = await TogetherAsync(Enumerable.Repeat<Func<Task<HttpResponseMessage>>>(() => admin.DeleteAsync($"/api/v1/folders/{Uri.EscapeDataString(name)}"), 2));

            var statuses = answers.Select(a => a.StatusCode).ToList();
            statuses.ShouldContain(HttpStatusCode.NoContent);
            statuses.ShouldAllBe(s => s == HttpStatusCode.NoContent || s == HttpStatusCode.NotFound || s == HttpStatusCode.Conflict,
                string.Join(", ", statuses));
        }
    }

    private static async Task SavesRaceAsync(ServerFactory factory, bool properties)
    {
        using var server = factory;
        using var admin = server.AdminClient();
        var created = await admin.CreateAsync("Race " + Guid.NewGuid().ToString("N")[..6]);
        var id = created.Summary.Id;
        (await admin.LockAsync(id)).EnsureSuccessStatusCode();
        var sequence = created.Sequence;
        var etag = created.ETag;
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var sides = new[] { $"left {attempt}", $"right {attempt}" };
            var answers = await TogetherAsync(sides.Select(description => (Func<Task<HttpResponseMessage>>)(async () =>
            {
                if (!properties)
                {
                    return await admin.SaveAsync(sequence with { Description = description }, etag);
                }

                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/task-sequences/{id}/properties")
                {
                    Content = JsonContent.Create(new TaskSequenceProperties
                    {
                        Name = sequence.Name, Description = description, SoftwareCenter = sequence.SoftwareCenter, Advanced = sequence.Advanced,
                        UserNotification = sequence.UserNotification, Performance = sequence.Performance,
                    }, options: Api.Json),
                };
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                return await admin.SendAsync(request);
            })));

            var current = await (await admin.GetAsync($"/api/v1/task-sequences/{id}")).ReadAsync<TaskSequenceDetails>();
            await OneWinsTheOtherIsStaleAsync(answers, long.Parse(current.ETag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
            sequence = current.Sequence;
            etag = current.ETag;
        }
    }

    /// <summary>Both requests are on the wire before either is answered.</summary>
    private static async Task<HttpResponseMessage[]> TogetherAsync(IEnumerable<Func<Task<HttpResponseMessage>>> requests)
    {
        using var start = new SemaphoreSlim(0);
        var running = requests.Select(async request =>
        {
            await start.WaitAsync();
            return await request();
        }).ToList();
        start.Release(running.Count);
        return await Task.WhenAll(running);
    }

    private static async Task OneWinsTheOtherIsStaleAsync(HttpResponseMessage[] answers, long currentVersion)
    {
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        statuses.Order().ToArray().ShouldBe(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, string.Join("\n", bodies));

        var problem = JsonDocument.Parse(bodies[statuses.IndexOf(HttpStatusCode.Conflict)]).RootElement;
        problem.ErrorFields().ShouldBe(["If-Match"]);
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(currentVersion);
    }
}
