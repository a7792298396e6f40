using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Administration;

/// <summary>Issue 13: Administration › Audit Log, filtered by object, actor and time.</summary>
[Collection(DesignerGroup.Name)]
public sealed class AuditLogPageTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Full_administrator_filters_by_who_changed_what_and_the_filter_is_kept_after_reload()
    {
        var actor = $"audit-tool-{Guid.NewGuid().ToString("N")[..6]}";
        var collectionId = await CreateCollectionAsync(await fixture.Server.CreateKeyAsync(actor, "FullAdministrator"), $"Audited {actor}");
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit Log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit Log" })).ToBeVisibleAsync();

        // Keyboard only: type who, and Enter shows their changes alone.
        await page.GetByLabel("Changed by").FillAsync(actor);
        await page.Keyboard.PressAsync("Enter");
        var rows = page.Locator("tr[data-audit]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync($"Collection {collectionId}");
        await Expect(rows.First).ToContainTextAsync("create");
        page.Url.ShouldContain($"actor={actor}");
        await fixture.ScreenshotAsync(page, "audit-log");

        // The filter is in the address: a reload shows the same entries, the field still filled.
        await page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Changed by")).ToHaveValueAsync(actor);

        // A time range after the change leaves nothing; by object type and id it is found again.
        await page.GetByLabel("From (UTC)").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByText("No changes match.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await page.GetByLabel("Object type").FillAsync("Collection");
        await page.GetByLabel("Object ID").FillAsync(collectionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(actor);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_time_range_ending_before_it_starts_is_refused_at_the_field_and_the_shown_entries_stay()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/administration/audit-log");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit Log" })).ToBeVisibleAsync();
        var before = page.Url;

        await page.GetByLabel("From (UTC)").FillAsync("2026-12-02T10:00");
        await page.GetByLabel("To (UTC)").FillAsync("2026-12-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.GetByTestId("field-error")).ToHaveTextAsync("The end of the time range is before its start.");
        page.Url.ShouldBe(before);
        await Expect(page.GetByLabel("From (UTC)")).ToHaveValueAsync("2026-12-02T10:00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Read_only_analyst_and_scoped_administrator_see_no_more_than_their_role_and_scope_allow()
    {
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"audit-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit Log" })).ToHaveCountAsync(0);
        await page.GotoAsync("/administration/audit-log");
        await Expect(page.GetByText("Only Full Administrators read the audit log.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Changed by")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // A Full Administrator of one scope reads changes to what it sees, not the site-wide collection made above it.
        var siteWide = await CreateCollectionAsync(fixture.Server.Key, $"Site-wide {Guid.NewGuid().ToString("N")[..6]}");
        var scope = $"branch-{Guid.NewGuid().ToString("N")[..6]}";
        var scopedKey = await fixture.Server.CreateKeyAsync($"audit-{scope}", "FullAdministrator", scopes: scope);
        var own = await CreateCollectionAsync(scopedKey, $"Branch {scope}");
        page = await fixture.SignedInPageAsync(scopedKey);
        await page.GotoAsync("/administration/audit-log?type=Collection");
        await Expect(page.Locator("tr[data-audit]").Filter(new() { HasText = own })).ToHaveCountAsync(1);
        await Expect(page.Locator("tr[data-audit]").Filter(new() { HasText = siteWide })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Times_show_in_the_browsers_time_zone_with_utc_on_hover()
    {
        var actor = $"audit-zone-{Guid.NewGuid().ToString("N")[..6]}";
        await CreateCollectionAsync(await fixture.Server.CreateKeyAsync(actor, "FullAdministrator"), $"Zoned {actor}");

        // Tokyo keeps no daylight saving time: always UTC+9.
        var page = await fixture.SignedInPageAsync(fixture.Server, timeZone: "Asia/Tokyo");
        await page.GotoAsync($"/administration/audit-log?actor={actor}");
        var time = page.Locator("tr[data-audit] time");
        await Expect(time).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(" UTC$"));
        await Expect(time).Not.ToContainTextAsync("UTC");

        var utc = DateTime.ParseExact((await time.GetAttributeAsync("title"))!, "yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        (await time.TextContentAsync()).ShouldBe(utc.AddHours(9).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }

    private async Task<string> CreateCollectionAsync(string key, string name)
    {
        using var api = fixture.Server.Api(key);
        using var response = await api.PostAsJsonAsync(new Uri("/api/v1/collections", UriKind.Relative), new { name });
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
