using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Administration;

/// <summary>Issue 13: Administration › API Keys, so that roles and security scopes can be used from the console.</summary>
[Collection(DesignerGroup.Name)]
public sealed class ApiKeysPageTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Full_administrator_issues_a_key_shown_once_kept_after_reload_then_rotates_and_revokes_it()
    {
        var name = $"Build server {Guid.NewGuid().ToString("N")[..6]}";
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API Keys" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API Keys" })).ToBeVisibleAsync();

        // A key without a name is refused at the field, in the console's words; nothing is issued.
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToHaveTextAsync("Give the key a name: the person or tool that uses it.");
        await Expect(page.GetByTestId("issued-key")).ToHaveCountAsync(0);

        // Keyboard only: type, Tab to the role, choose it, and Enter submits.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.Keyboard.PressAsync("Tab");
        await page.GetByLabel("Role").SelectOptionAsync("OperatingSystemDeploymentManager");
        await page.GetByLabel("Security scopes").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var secret = page.GetByTestId("issued-secret");
        await Expect(secret).ToBeVisibleAsync();
        var first = await secret.InputValueAsync();
        first.ShouldNotBeNullOrWhiteSpace();
        (await StatusWithAsync(first)).ShouldBe(HttpStatusCode.OK, "the key shown works at once");
        var row = page.Locator("tr[data-key]").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Operating System Deployment Manager");
        await Expect(row).ToContainTextAsync("All");
        await fixture.ScreenshotAsync(page, "api-keys-issued");

        // Shown once: a reload lists the key, never its secret.
        await page.ReloadAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.GetByTestId("issued-key")).ToHaveCountAsync(0);
        (await page.ContentAsync()).ShouldNotContain(first);
        await Expect(row.GetByTestId("last-used")).Not.ToHaveTextAsync("Never", new() { Timeout = 5_000 });

        // Rotate: a new secret, the old one refused from then on.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Rotate {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rotate", Exact = true }).ClickAsync();
        await Expect(secret).ToBeVisibleAsync();
        var second = await secret.InputValueAsync();
        second.ShouldNotBe(first);
        (await StatusWithAsync(first)).ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusWithAsync(second)).ShouldBe(HttpStatusCode.OK);

        // Revoke: gone from the list and refused.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        (await StatusWithAsync(second)).ShouldBe(HttpStatusCode.Unauthorized);
        await fixture.ScreenshotAsync(page, "api-keys");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_scoped_administrator_sees_only_keys_of_its_scope_and_a_scope_outside_its_own_is_refused_at_the_field()
    {
        var scope = $"lab-{Guid.NewGuid().ToString("N")[..6]}";
        var outsider = $"Other site tool {Guid.NewGuid().ToString("N")[..6]}";
        await fixture.Server.CreateKeyAsync(outsider, "ReadOnlyAnalyst", scopes: "elsewhere");
        var ownName = $"Lab admin {scope}";
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync(ownName, "FullAdministrator", scopes: scope));
        await page.GotoAsync("/administration/api-keys");

        await Expect(page.Locator("tr[data-key]").Filter(new() { HasText = ownName })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-key]").Filter(new() { HasText = outsider })).ToHaveCountAsync(0);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Branch tool");
        await page.GetByLabel("Security scopes").FillAsync("elsewhere");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToContainTextAsync("'elsewhere' is not one of your scopes");
        await Expect(page.GetByTestId("issued-key")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Branch tool");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_read_only_analyst_sees_no_api_keys_link_and_no_way_to_issue_one()
    {
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"keys-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API Keys" })).ToHaveCountAsync(0);

        await page.GotoAsync("/administration/api-keys");
        await Expect(page.GetByText("Only Full Administrators issue, rotate and revoke API keys.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Issue key" })).ToHaveCountAsync(0);
        await Expect(page.Locator("tr[data-key]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private async Task<HttpStatusCode> StatusWithAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var answer = await client.GetAsync(new Uri("/api/v1/task-sequences", UriKind.Relative));
        return answer.StatusCode;
    }
}
