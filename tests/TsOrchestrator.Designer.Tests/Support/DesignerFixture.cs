using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>
/// One server process and one headless Chromium (Debian's, never a downloaded build) shared by all browser
/// tests; each test opens its own browser context, so cookies and sessions never leak between tests.
/// </summary>
public sealed class DesignerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ServerProcess Server { get; } = new();
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Screenshots of the main pages, under the test output folder.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tools/chromium.sh (tools/test.sh does) to install Debian's chromium");
        }

        // The whole suite runs beside other test projects on two cores: give the browser time rather than flake.
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(ScreenshotDirectory);
        File.Delete(Path.Combine(ScreenshotDirectory, "measurements.txt"));
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh browser context signed in with <paramref name="key"/> (the admin key by default), on the list page.</summary>
    public Task<IPage> SignedInPageAsync(string? key = null) => SignedInPageAsync(Server, key);

    /// <summary>
    /// A fresh browser context on another server (one started with its own site settings), signed in there; in the
    /// machine's time zone unless <paramref name="timeZone"/> names another (an IANA name).
    /// </summary>
    public async Task<IPage> SignedInPageAsync(ServerProcess server, string? key = null, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Url, ViewportSize = new ViewportSize { Width = 1500, Height = 950 }, TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Admin API key").FillAsync(key ?? server.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task Sequences" })).ToBeVisibleAsync();
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    /// <summary>Creates a task sequence through the admin API from a full document; returns its id.</summary>
    public async Task<string> CreateSequenceAsync(TaskSequence sequence)
    {
        using var api = Server.Api();
        var body = $"{{\"sequence\":{NativeFormat.Serialize(sequence)}}}";
        using var response = await api.PostAsync(new Uri("/api/v1/task-sequences", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
    }

    /// <summary>The latest stored version of a task sequence, as the API returns it.</summary>
    public async Task<TaskSequence> GetSequenceAsync(string id)
    {
        using var api = Server.Api();
        var details = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/task-sequences/{id}", UriKind.Relative));
        return NativeFormat.Deserialize(Encoding.UTF8.GetBytes(details.GetProperty("sequence").GetRawText()), "test");
    }

    /// <summary>The id of the task sequence with this exact name, if there is one.</summary>
    public async Task<string?> FindSequenceIdAsync(string name)
    {
        using var api = Server.Api();
        var rows = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/task-sequences?name={Uri.EscapeDataString(name)}", UriKind.Relative));
        return rows.EnumerateArray().Where(r => r.GetProperty("name").GetString() == name).Select(r => r.GetProperty("id").GetString()).FirstOrDefault();
    }

    /// <summary>POSTs a JSON body to the admin API as the admin; returns the response's JSON.</summary>
    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var api = Server.Api();
        using var response = await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Saves a new version through the admin API as the admin, with the ETag read just before.</summary>
    public async Task SaveAsync(string id, TaskSequence sequence)
    {
        using var api = Server.Api();
        using var read = await api.GetAsync(new Uri($"/api/v1/task-sequences/{id}", UriKind.Relative));
        var etag = read.Headers.TryGetValues("ETag", out var values) ? values.First() : throw new InvalidOperationException("no ETag");
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/task-sequences/{id}", UriKind.Relative))
        {
            Content = new StringContent(NativeFormat.Serialize(sequence), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await api.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
