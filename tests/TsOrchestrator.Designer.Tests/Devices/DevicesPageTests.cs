using Microsoft.Playwright;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Devices;

/// <summary>Issue 13: a Devices screen, so that blocking a device or giving it a variable does not need the CLI.</summary>
[Collection(DesignerGroup.Name)]
public sealed class DevicesPageTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Devices_page_blocks_and_approves_a_device_and_keeps_its_variables_with_secrets_masked_across_a_reload()
    {
        var name = $"devpage-{Guid.NewGuid().ToString("N")[..6]}";
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, name);
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Devices" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Search devices").FillAsync(name);
        var row = page.Locator($"tr[data-device='{device.Id}']");
        await Expect(page.Locator("tr[data-device]")).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("device-status")).ToHaveTextAsync("Approved");

        // Block: refused by the server on the agent's next call; then approved again.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Block {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("device-status")).ToHaveTextAsync("Blocked");
        await Should.ThrowAsync<ApiException>(() => device.Agent.CheckInAsync(new CheckInRequest { Facts = SimulatedDevice.Facts(name) }));
        await row.GetByRole(AriaRole.Button, new() { Name = $"Approve {name}" }).ClickAsync();
        await Expect(row.GetByTestId("device-status")).ToHaveTextAsync("Approved");
        (await device.Agent.CheckInAsync(new CheckInRequest { Facts = SimulatedDevice.Facts(name) })).ShouldNotBeNull();

        // Variables: a name is required at the field; a plain one and a secret one are set.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Variables of {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set variable" }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToHaveTextAsync("Name the variable, e.g. OSDComputerName.");
        await page.GetByLabel("Variable name").FillAsync("OSDComputerName");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("LAB-01");
        await page.GetByLabel("Value", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("tr[data-variable='OSDComputerName']")).ToContainTextAsync("LAB-01");
        await page.GetByLabel("Variable name").FillAsync("JoinPassword");
        await page.GetByLabel("Secret (stored encrypted, never shown again)").CheckAsync();
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("Sup3r-Secret-Join");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set variable" }).ClickAsync();
        await Expect(page.Locator("tr[data-variable='JoinPassword']")).ToContainTextAsync("••••••");
        await fixture.ScreenshotAsync(page, "devices");

        await page.ReloadAsync();
        await page.GetByLabel("Search devices").FillAsync(name);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Variables of {name}" }).ClickAsync();
        await Expect(page.Locator("tr[data-variable='OSDComputerName']")).ToContainTextAsync("LAB-01");
        await Expect(page.Locator("tr[data-variable='JoinPassword']")).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain("Sup3r-Secret-Join");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove OSDComputerName" }).ClickAsync();
        await Expect(page.Locator("tr[data-variable='OSDComputerName']")).ToHaveCountAsync(0);

        // Its runs, from the row.
        await row.GetByRole(AriaRole.Link, new() { Name = $"Runs of {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Runs on {name}" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_read_only_analyst_sees_devices_and_their_variables_without_any_write_control()
    {
        var name = $"devread-{Guid.NewGuid().ToString("N")[..6]}";
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, name);
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"devices-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
        await page.GotoAsync("/devices");
        await page.GetByLabel("Search devices").FillAsync(name);
        var row = page.Locator($"tr[data-device='{device.Id}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Block {name}" })).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Variables of {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Variables of {name}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Set variable" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
