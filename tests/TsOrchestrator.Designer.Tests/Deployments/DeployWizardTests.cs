using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Deployments;

[Collection(DesignerGroup.Name)]
public sealed class DeployWizardTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Deploy_wizard_shows_the_server_refusal_at_its_field_and_deploys_a_required_recurring_deployment_once_fixed()
    {
        var name = SequenceBuilder.UniqueName("Deploy wizard");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")));
        var collectionName = SequenceBuilder.UniqueName("Lab");
        var collectionId = await fixture.CreateCollectionAsync(collectionName);
        await fixture.PostAsync($"/api/v1/collections/{collectionId}/maintenance-windows",
            new { name = "Nightly", start = new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero), durationMinutes = 120, recurrence = "Daily" });
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        // General: a collection is needed before Next.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(dialog.GetByText("Choose the collection to deploy to")).ToBeVisibleAsync();
        await dialog.GetByLabel("Collection").SelectOptionAsync(collectionId);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Required" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await dialog.GetByLabel("Schedule when this deployment will become available").CheckAsync();
        await dialog.GetByLabel("Available after (UTC)").FillAsync("2026-12-10T10:00");
        await dialog.GetByLabel("Schedule when this deployment will expire").CheckAsync();
        await dialog.GetByLabel("Expires after (UTC)").FillAsync("2026-12-01T10:00");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "On a recurring schedule" }).CheckAsync();
        await dialog.GetByLabel("First occurrence (UTC)").FillAsync("2026-12-10T12:00");
        await dialog.GetByLabel("Recur every").FillAsync("2");
        await dialog.GetByLabel("Recurrence unit").SelectOptionAsync("Weekly");
        await dialog.GetByLabel("Rerun behavior").SelectOptionAsync("RerunIfFailed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(dialog.GetByTestId("maintenance-windows")).ToHaveTextAsync("Nightly: 2026-12-01 22:00 UTC for 120 minutes, daily every 1");
        await dialog.GetByLabel("Software installation and system restart outside the maintenance window").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        var summary = dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" });
        await Expect(summary).ToContainTextAsync("every 2 week(s)");
        await Expect(summary).ToContainTextAsync("Rerun if failed previous attempt");
        await fixture.ScreenshotAsync(page, "deploy-wizard-summary");

        // The server refuses an expiry before availability: the wizard goes back to Scheduling and says so at the field.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Scheduling" })).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("field-error")).ToHaveTextAsync("a deployment expires after it becomes available");
        await fixture.ScreenshotAsync(page, "deploy-wizard-refused");
        (await DeploymentsOfAsync(id)).GetArrayLength().ShouldBe(0);

        await dialog.GetByLabel("Expires after (UTC)").FillAsync("2027-01-01T10:00");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText($"Deployed {id} to {collectionId}")).ToBeVisibleAsync();

        var deployment = (await DeploymentsOfAsync(id)).EnumerateArray().Single();
        deployment.GetProperty("collectionId").GetString().ShouldBe(collectionId);
        deployment.GetProperty("purpose").GetString().ShouldBe("Required");
        deployment.GetProperty("availableAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero));
        deployment.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2027, 1, 1, 10, 0, 0, TimeSpan.Zero));
        deployment.GetProperty("assignmentAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero));
        deployment.GetProperty("assignmentRecurrence").GetString().ShouldBe("Weekly");
        deployment.GetProperty("assignmentInterval").GetInt32().ShouldBe(2);
        deployment.GetProperty("rerun").GetString().ShouldBe("RerunIfFailed");
        deployment.GetProperty("allowOutsideMaintenanceWindow").GetBoolean().ShouldBeTrue();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_deploy_wizard_is_usable_with_the_keyboard_alone()
    {
        var name = SequenceBuilder.UniqueName("Keyboard deploy");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")));
        var collectionName = "Keyboard lab " + Guid.NewGuid().ToString("N")[..6];
        var collectionId = await fixture.CreateCollectionAsync(collectionName);
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var deploy = page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true });
        // The selection makes its round trip to the server before Deploy applies to it: wait for the button to say so.
        await Expect(deploy).ToBeEnabledAsync();
        await deploy.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var dialog = page.GetByRole(AriaRole.Dialog);
        var collection = dialog.GetByLabel("Collection");
        // The dialog reads the collections after it opens: typing before they are listed would pick nothing.
        await Expect(collection.Locator("option", new() { HasText = collectionName })).ToHaveCountAsync(1);
        await collection.FocusAsync();
        // A closed select picks the option whose text is typed (its type-ahead).
        await page.Keyboard.TypeAsync(collectionName);
        await Expect(collection).ToHaveValueAsync(collectionId);

        // Tab leads from the field to the wizard's buttons; Enter presses them.
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await page.Keyboard.PressAsync("Enter");
        var required = dialog.GetByRole(AriaRole.Radio, new() { Name = "Required" });
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Available" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(required).ToBeCheckedAsync();
        for (var i = 0; i < 3; i++)
        {
            await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }));
            await page.Keyboard.PressAsync("Enter");
        }

        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" })).ToContainTextAsync("Required");
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        var deployment = (await DeploymentsOfAsync(id)).EnumerateArray().Single();
        deployment.GetProperty("purpose").GetString().ShouldBe("Required");
        deployment.GetProperty("collectionId").GetString().ShouldBe(collectionId);
        await page.Context.CloseAsync();
    }

    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 30 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync();
    }

    private async Task<JsonElement> DeploymentsOfAsync(string sequenceId)
    {
        using var api = fixture.Server.Api();
        return await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/deployments?sequenceId={sequenceId}", UriKind.Relative));
    }
}
