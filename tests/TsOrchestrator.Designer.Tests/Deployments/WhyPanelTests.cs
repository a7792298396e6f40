using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Deployments;

[Collection(DesignerGroup.Name)]
public sealed class WhyPanelTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Why_panel_counts_devices_per_reason_and_explains_one_device_with_when_it_runs()
    {
        var name = SequenceBuilder.UniqueName("Not yet");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("First", "echo 1")));
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, $"why-{Guid.NewGuid().ToString("N")[..6]}");
        var collectionId = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Why lab"), device.Id);
        var available = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(6), TimeSpan.Zero);
        var deploymentId = (await fixture.PostAsync("/api/v1/deployments", new
        {
            sequenceId = id, collectionId, purpose = "Required", availableAt = available, assignmentAt = available, allowOutsideMaintenanceWindow = true,
        })).GetProperty("id").GetString()!;

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/deployments?sequence={id}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Why isn't {deploymentId} running?" }).ClickAsync();
        var panel = page.Locator($"[data-why='{deploymentId}']");
        var reason = panel.Locator("tr[data-reason='NotYetAvailable']");
        await Expect(reason).ToContainTextAsync("1");
        await Expect(reason).ToContainTextAsync($"{device.Id}: not available until {available:yyyy-MM-dd HH:mm} UTC");

        await panel.GetByLabel("Device id").FillAsync(device.Id);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Explain device" }).ClickAsync();
        var explained = panel.Locator($"[data-why-device='{device.Id}']");
        await Expect(explained.Locator("[data-device-reason='NotYetAvailable']")).ToBeVisibleAsync();
        await Expect(explained.Locator("[data-when]")).ToHaveTextAsync($"Runs: at the device's first check-in from {available:yyyy-MM-dd HH:mm} UTC");
        await fixture.ScreenshotAsync(page, "deployment-why");
        await page.Context.CloseAsync();
    }
}
