using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Deployments;

// In the designer group so it shares its browser and never runs beside the other browser tests.
[Collection(DesignerGroup.Name)]
public sealed class HighRiskDeployTests(DesignerFixture fixture, HighRiskSite site) : IClassFixture<HighRiskSite>
{
    private const string Understand = "I understand the risk of this high-risk deployment";

    [Fact]
    public async Task Required_high_impact_deployment_to_a_large_collection_needs_the_ticked_warning_before_it_is_created()
    {
        var name = SequenceBuilder.UniqueName("High impact");
        var id = await site.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")) with
        {
            UserNotification = new UserNotificationProperties { HighImpact = true },
        });
        var collectionName = SequenceBuilder.UniqueName("Large lab");
        var collectionId = await site.CreateCollectionOfDevicesAsync(collectionName, 2);
        var (page, dialog) = await OpenRequiredSummaryAsync(name, collectionName, collectionId);
        var summary = dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" });
        await Expect(summary.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(0);
        var deploy = dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true });

        // The site asks for confirmation: the Summary shows its reason and a checkbox, and nothing is deployed.
        await deploy.ClickAsync();
        var warning = summary.GetByTestId("high-risk-warning");
        await Expect(warning).ToContainTextAsync("High-risk deployment warning");
        await Expect(warning).ToContainTextAsync($"collection '{collectionName}' ({collectionId})");
        await Expect(warning).ToContainTextAsync("it has 2 devices, more than the site's default size of 1");
        await Expect(warning).Not.ToContainTextAsync("confirmHighRisk"); // the console's words, not the API's
        var understand = summary.GetByRole(AriaRole.Checkbox, new() { Name = Understand });
        await Expect(understand).Not.ToBeCheckedAsync();
        await fixture.ScreenshotAsync(page, "deploy-wizard-high-risk");
        (await site.DeploymentsOfAsync(id)).GetArrayLength().ShouldBe(0);

        // Deploy again without the tick: the wizard asks for it rather than sending the request unconfirmed.
        await deploy.ClickAsync();
        await Expect(summary.GetByTestId("field-error")).ToHaveTextAsync("Confirm that you understand the risk to deploy");
        (await site.DeploymentsOfAsync(id)).GetArrayLength().ShouldBe(0);

        // The checkbox works from the keyboard: Space ticks it.
        await understand.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(understand).ToBeCheckedAsync();
        await deploy.ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText($"Deployed {id} to {collectionId}")).ToBeVisibleAsync();

        var deployment = (await site.DeploymentsOfAsync(id)).EnumerateArray().Single();
        deployment.GetProperty("collectionId").GetString().ShouldBe(collectionId);
        deployment.GetProperty("purpose").GetString().ShouldBe("Required");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_deployment_above_the_maximum_collection_size_stays_refused_with_the_servers_message_and_no_checkbox()
    {
        var name = SequenceBuilder.UniqueName("High impact");
        var id = await site.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")) with
        {
            UserNotification = new UserNotificationProperties { HighImpact = true },
        });
        var collectionName = SequenceBuilder.UniqueName("Huge lab");
        var collectionId = await site.CreateCollectionOfDevicesAsync(collectionName, HighRiskSite.MaximumCollectionSize + 1);
        var (page, dialog) = await OpenRequiredSummaryAsync(name, collectionName, collectionId);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
        // No confirmation lifts it: the wizard shows the server's refusal at the collection it names, and asks nothing.
        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "General" })).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("field-error")).ToContainTextAsync($"more than the site's maximum of {HighRiskSite.MaximumCollectionSize}");
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = Understand })).ToHaveCountAsync(0);
        (await site.DeploymentsOfAsync(id)).GetArrayLength().ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Phased_deployment_with_a_required_high_impact_phase_to_a_large_collection_needs_the_ticked_warning_before_it_is_created()
    {
        var name = SequenceBuilder.UniqueName("High impact phased");
        var id = await site.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")) with
        {
            UserNotification = new UserNotificationProperties { HighImpact = true },
        });
        var large = await site.CreateCollectionOfDevicesAsync(SequenceBuilder.UniqueName("Phased large lab"), 2);
        var empty = await site.CreateCollectionOfDevicesAsync(SequenceBuilder.UniqueName("Phased empty lab"), 0);
        var phasedName = SequenceBuilder.UniqueName("High impact waves");
        var page = await fixture.SignedInPageAsync(site.Server);
        await page.GotoAsync("/phased-deployments");
        await page.GetByLabel("Task sequence").SelectOptionAsync(id);
        await page.GetByLabel("Phased deployment name").FillAsync(phasedName);
        await page.GetByLabel("Phase 1 collection").SelectOptionAsync(empty);
        await page.GetByLabel("Phase 1 next phase begins").SelectOptionAsync("Manual");
        await page.GetByLabel("Phase 2 collection").SelectOptionAsync(large);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        // The site asks for confirmation of phase 2: its reason beside a checkbox, and nothing is created until it is ticked.
        var understand = page.GetByRole(AriaRole.Checkbox, new() { Name = "Deploy anyway: I understand the risk" });
        await Expect(understand).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#phased-high-risk")).ToContainTextAsync("it has 2 devices, more than the site's default size of 1");
        var row = page.Locator("tr[data-phased-deployment]").Filter(new() { HasText = phasedName });
        await Expect(row).ToHaveCountAsync(0);
        await understand.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("phased-status")).ToHaveTextAsync("Active");
        await page.Context.CloseAsync();
    }

    /// <summary>Opens the wizard for the sequence, chooses the collection and Required, and goes on to the Summary.</summary>
    private async Task<(IPage Page, ILocator Dialog)> OpenRequiredSummaryAsync(string name, string collectionName, string collectionId)
    {
        var page = await fixture.SignedInPageAsync(site.Server);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var collection = dialog.GetByLabel("Collection");
        await Expect(collection.Locator("option", new() { HasText = collectionName })).ToHaveCountAsync(1);
        await collection.SelectOptionAsync(collectionId);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Required" }).CheckAsync();
        for (var i = 0; i < 3; i++)
        {
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        }

        await Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Summary" })).ToBeVisibleAsync();
        return (page, dialog);
    }
}
