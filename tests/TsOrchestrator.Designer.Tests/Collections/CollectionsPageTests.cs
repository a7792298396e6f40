using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Collections;

/// <summary>Issue 13: a Collections screen — create, members, maintenance windows and variables without the CLI.</summary>
[Collection(DesignerGroup.Name)]
public sealed class CollectionsPageTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Collection_is_created_given_a_member_a_maintenance_window_and_a_variable_and_keeps_them_after_a_reload()
    {
        var name = $"Lab workstations {Guid.NewGuid().ToString("N")[..6]}";
        var deviceName = $"colpage-{Guid.NewGuid().ToString("N")[..6]}";
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, deviceName);
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Collections" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Collections", Exact = true })).ToBeVisibleAsync();

        // Refused at the field without a name; nothing is created.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToHaveTextAsync("Name the collection.");

        await page.GetByLabel("Collection name").FillAsync(name);
        await page.GetByLabel("Devices named like").FillAsync("LAB-*");
        await page.GetByLabel("Devices named like").PressAsync("Enter");
        var row = page.Locator("tr[data-collection]").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("name like LAB-*");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Members of {name}" })).ToBeVisibleAsync();

        // A direct member, chosen from the devices.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToHaveTextAsync("Choose the device to add.");
        await page.GetByLabel("Device to add").SelectOptionAsync(device.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.Locator($"tr[data-member='{device.Id}']")).ToContainTextAsync(deviceName);

        // A maintenance window: the server's limit on its length is shown under the field.
        await page.GetByLabel("Window name").FillAsync("Saturday night");
        await page.GetByLabel("Starts (UTC)").FillAsync("2027-01-02T22:00");
        await page.GetByLabel("Lasts (minutes)").FillAsync("100000");
        await page.GetByLabel("Recurs").SelectOptionAsync("Weekly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add window" }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToContainTextAsync("minutes");
        await Expect(page.GetByLabel("Window name")).ToHaveValueAsync("Saturday night");
        await page.GetByLabel("Lasts (minutes)").FillAsync("240");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add window" }).ClickAsync();
        var window = page.Locator("tr[data-window]").Filter(new() { HasText = "Saturday night" });
        await Expect(window).ToContainTextAsync("2027-01-02 22:00 UTC");
        await Expect(window).ToContainTextAsync("every 1 week(s)");

        // A collection variable.
        await page.GetByLabel("Variable name").FillAsync("OSDTimeZone");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set variable" }).ClickAsync();
        await Expect(page.Locator("tr[data-variable='OSDTimeZone']")).ToContainTextAsync("UTC");
        await fixture.ScreenshotAsync(page, "collections");

        // All of it kept.
        await page.ReloadAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Open {name}" }).ClickAsync();
        await Expect(page.Locator($"tr[data-member='{device.Id}']")).ToBeVisibleAsync();
        await Expect(window).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-variable='OSDTimeZone']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove member {device.Id}" }).ClickAsync();
        await Expect(page.Locator($"tr[data-member='{device.Id}']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove window Saturday night" }).ClickAsync();
        await Expect(window).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_read_only_analyst_sees_collections_without_any_write_control()
    {
        var name = $"Analyst view {Guid.NewGuid().ToString("N")[..6]}";
        await fixture.CreateCollectionAsync(name, []);
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"collections-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
        await page.GotoAsync("/collections");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true })).ToHaveCountAsync(0);
        await page.Locator("tr[data-collection]").Filter(new() { HasText = name }).GetByRole(AriaRole.Button, new() { Name = $"Open {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Members of {name}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add member" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add window" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Set variable" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
