using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Deployments;

/// <summary>Configuration Manager's deployment Properties: the wizard's pages on a stored deployment, saved in place.</summary>
[Collection(DesignerGroup.Name)]
public sealed class DeploymentPropertiesPageTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Deployment_properties_are_edited_refused_at_the_field_kept_after_reload_and_a_change_made_meanwhile_keeps_what_was_typed()
    {
        var name = SequenceBuilder.UniqueName("Edited deployment");
        var sequenceId = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")));
        var collectionName = SequenceBuilder.UniqueName("Edited lab");
        var collectionId = await fixture.CreateCollectionAsync(collectionName);
        var deploymentId = (await fixture.PostAsync("/api/v1/deployments", new { sequenceId, collectionId, purpose = "Available" })).GetProperty("id").GetString()!;
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"{fixture.Server.Url}/deployments?sequence={sequenceId}");
        var row = page.Locator($"tr[data-deployment='{deploymentId}']");
        await Expect(row).ToContainTextAsync("Available");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Properties of {deploymentId}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Deployment Properties: {deploymentId} of {name}");
        // Another collection is another deployment: the collection is shown, not offered.
        await Expect(dialog).ToContainTextAsync($"Collection: {collectionName} ({collectionId})");
        await Expect(dialog.GetByLabel("Collection")).ToHaveCountAsync(0);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Required" }).CheckAsync();
        await dialog.GetByLabel("Make available to").SelectOptionAsync("Clients");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByLabel("Schedule when this deployment will become available").CheckAsync();
        await dialog.GetByLabel("Available after (UTC)").FillAsync("2027-01-02T10:00");
        await dialog.GetByLabel("Schedule when this deployment will expire").CheckAsync();
        await dialog.GetByLabel("Expires after (UTC)").FillAsync("2027-01-01T10:00");
        await dialog.GetByLabel("Rerun behavior").SelectOptionAsync("NeverRerun");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" })).ToContainTextAsync("Only devices running the agent");

        // The server's refusal lands on the field's page; nothing is saved.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Scheduling" })).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("field-error")).ToHaveTextAsync(["a deployment expires after it becomes available"]);
        (await DeploymentAsync(deploymentId)).GetProperty("purpose").GetString().ShouldBe("Available");

        await dialog.GetByLabel("Expires after (UTC)").FillAsync("2027-02-01T10:00");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText($"Saved {deploymentId}")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("Required");
        await Expect(row).ToContainTextAsync("Only devices running the agent");
        await Expect(row).ToContainTextAsync("2027-02-01 10:00 UTC");
        var stored = await DeploymentAsync(deploymentId);
        stored.GetProperty("availableAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2027, 1, 2, 10, 0, 0, TimeSpan.Zero));
        stored.GetProperty("rerun").GetString().ShouldBe("NeverRerun");
        stored.GetProperty("availableTo").GetString().ShouldBe("Clients");

        // Someone else saves the deployment while its Properties are open: the save is refused and what was typed stays.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Properties of {deploymentId}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByLabel("Rerun behavior").SelectOptionAsync("RerunIfFailed");
        await SaveElsewhereAsync(deploymentId, stored.GetProperty("concurrencyVersion").GetInt64());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert).Filter(new() { HasText = "was changed by someone else" })).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" })).ToContainTextAsync("Rerun if failed previous attempt");
        await fixture.ScreenshotAsync(page, "deployment-properties-changed-meanwhile");
        (await DeploymentAsync(deploymentId)).GetProperty("rerun").GetString().ShouldBe("AlwaysRerun");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_read_only_analyst_sees_no_deployment_properties_button()
    {
        var sequenceId = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Read-only deployment"), SequenceBuilder.Command("Step", "echo 1")));
        var collectionId = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Read-only lab"));
        var deploymentId = (await fixture.PostAsync("/api/v1/deployments", new { sequenceId, collectionId })).GetProperty("id").GetString()!;
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"deployment-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
        await page.GotoAsync($"{fixture.Server.Url}/deployments?sequence={sequenceId}");

        var row = page.Locator($"tr[data-deployment='{deploymentId}']");
        await Expect(row.Locator($"[aria-label='Runs of {deploymentId}']")).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Properties of {deploymentId}" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Deployment_times_are_typed_and_shown_in_the_browsers_time_zone()
    {
        var sequenceId = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Paris deployment"), SequenceBuilder.Command("Step", "echo 1")));
        var collectionId = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Paris lab"));
        var deploymentId = (await fixture.PostAsync("/api/v1/deployments", new { sequenceId, collectionId, availableAt = "2027-01-10T09:00:00Z" })).GetProperty("id").GetString()!;
        var page = await fixture.SignedInPageAsync(fixture.Server, timeZone: "Europe/Paris");
        await page.GotoAsync($"{fixture.Server.Url}/deployments?sequence={sequenceId}");
        var row = page.Locator($"tr[data-deployment='{deploymentId}']");
        await Expect(row).ToContainTextAsync("2027-01-10 10:00");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Properties of {deploymentId}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        var available = dialog.GetByLabel("Available after (Europe/Paris)");
        await Expect(available).ToHaveValueAsync("2027-01-10T10:00");

        // 02:30 on the night the clocks go forward does not exist there: refused at the field, before anything is sent.
        await available.FillAsync("2027-03-28T02:30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(dialog.GetByTestId("field-error")).ToHaveTextAsync(["2027-03-28 02:30 does not exist in Europe/Paris: the clocks skip it"]);

        await available.FillAsync("2027-01-10T11:00");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" })).ToContainTextAsync("2027-01-10 11:00 Europe/Paris");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        (await DeploymentAsync(deploymentId)).GetProperty("availableAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));
        await Expect(row).ToContainTextAsync("2027-01-10 11:00");
        await page.Context.CloseAsync();
    }

    private async Task<JsonElement> DeploymentAsync(string id)
    {
        using var api = fixture.Server.Api();
        return await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/deployments/{id}", UriKind.Relative));
    }

    private async Task SaveElsewhereAsync(string id, long version)
    {
        using var api = fixture.Server.Api();
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/deployments/{id}", UriKind.Relative))
        {
            Content = JsonContent.Create(new { purpose = "Required", availableAt = "2027-01-02T10:00:00Z", expiresAt = "2027-02-01T10:00:00Z", availableTo = "Clients" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        (await api.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
