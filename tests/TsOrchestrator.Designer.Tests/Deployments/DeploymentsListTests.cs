using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Deployments;

[Collection(DesignerGroup.Name)]
public sealed class DeploymentsListTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Deployments_list_counts_each_targeted_device_once_by_its_latest_run()
    {
        var name = SequenceBuilder.UniqueName("Counted");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("First", "echo 1"), SequenceBuilder.Command("Second", "echo 2")));
        var devices = new List<SimulatedDevice>();
        for (var i = 0; i < 4; i++)
        {
            devices.Add(await SimulatedDevice.RegisterAsync(fixture.Server, $"count-{i}-{Guid.NewGuid().ToString("N")[..6]}"));
        }

        try
        {
            var collectionId = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Counted lab"), [.. devices.Select(d => d.Id)]);
            var deploymentId = await fixture.DeployAsync(id, collectionId);

            // Device 0 fails once and then succeeds (its latest run counts), device 1 fails, device 2 is mid-run, device 3 never starts.
            var (failedFirst, item) = await devices[0].StartAsync(deploymentId);
            (await devices[0].FinishAsync(failedFirst, item, 1)).ShouldBeNull();
            var (succeeded, first) = await devices[0].StartAsync(deploymentId);
            var second = await devices[0].FinishAsync(succeeded, first, 0);
            (await devices[0].FinishAsync(succeeded, second!, 0)).ShouldBeNull();
            var (failed, failing) = await devices[1].StartAsync(deploymentId);
            (await devices[1].FinishAsync(failed, failing, 5)).ShouldBeNull();
            var (running, runningItem) = await devices[2].StartAsync(deploymentId);

            var page = await fixture.SignedInPageAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Deployments", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Deployments of {id}" })).ToBeVisibleAsync();
            var row = page.Locator($"tr[data-deployment='{deploymentId}']");
            await Expect(row.Locator("[data-count='targeted']")).ToHaveTextAsync("4");
            await Expect(row.Locator("[data-count='succeeded']")).ToHaveTextAsync("1");
            await Expect(row.Locator("[data-count='failed']")).ToHaveTextAsync("1");
            await Expect(row.Locator("[data-count='in-progress']")).ToHaveTextAsync("1");
            await Expect(row.Locator("[data-count='not-started']")).ToHaveTextAsync("1");
            await Expect(row).ToContainTextAsync(name);
            await fixture.ScreenshotAsync(page, "deployments-list");

            // Its runs, from the row: the runs list of that deployment only.
            await row.GetByRole(AriaRole.Link, new() { Name = $"Runs of {deploymentId}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Runs of {deploymentId}" })).ToBeVisibleAsync();
            await Expect(page.Locator("tr[data-run]")).ToHaveCountAsync(4);
            await fixture.ScreenshotAsync(page, "runs-list");

            // The list follows a run still going, without a reload.
            var last = await devices[2].FinishAsync(running, runningItem, 0);
            (await devices[2].FinishAsync(running, last!, 0)).ShouldBeNull();
            await Expect(page.Locator($"tr[data-run='{running}'] .ts-status")).ToHaveTextAsync("Succeeded");
            await page.Context.CloseAsync();
        }
        finally
        {
            devices.ForEach(d => d.Dispose());
        }
    }
}
