using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Content;

/// <summary>Issue 13: Software Library › Packages: create from a source folder, update content, distribute, content status.</summary>
[Collection(DesignerGroup.Name)]
public sealed class PackagesPageTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Package_is_created_from_a_source_folder_kept_after_reload_updated_and_distributed_to_the_site()
    {
        var source = Directory.CreateTempSubdirectory("tsorch-designer-packages-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(source, "setup.sh"), "echo installing\n");
            var name = SequenceBuilder.UniqueName("Office");
            var page = await fixture.SignedInPageAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Packages" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Packages", Exact = true })).ToBeVisibleAsync();

            // Refused at the fields, in the console's words; the server's refusal of a missing folder shows at its field
            // and keeps what was typed.
            await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("field-error").First).ToHaveTextAsync("Give the package a name.");
            await page.GetByLabel("Package name").FillAsync(name);
            await page.GetByLabel("Source folder").FillAsync(Path.Combine(source, "missing"));
            await page.GetByLabel("Program name").FillAsync("Install");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("field-error").First).ToHaveTextAsync("A program needs both a name and a command line.");
            await page.GetByLabel("Command line").FillAsync("sh setup.sh");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("field-error")).ToHaveCountAsync(1);
            (await page.GetByTestId("field-error").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
            await Expect(page.GetByLabel("Package name")).ToHaveValueAsync(name);
            await Expect(page.Locator("tr[data-package]").Filter(new() { HasText = name })).ToHaveCountAsync(0);

            // Keyboard only: fix the folder and Enter creates it.
            await page.GetByLabel("Source folder").FillAsync(source);
            await page.Keyboard.PressAsync("Enter");
            var row = page.Locator("tr[data-package]").Filter(new() { HasText = name });
            await Expect(row).ToBeVisibleAsync();
            await Expect(row.GetByTestId("package-version")).ToHaveTextAsync("1");
            await page.ReloadAsync();
            await Expect(row).ToContainTextAsync(source);

            // A changed source folder, imported again, is a new content version.
            await File.WriteAllTextAsync(Path.Combine(source, "setup.sh"), "echo installing version 2\n");
            await row.GetByRole(AriaRole.Button, new() { Name = $"Update content of {name}" }).ClickAsync();
            await Expect(row.GetByTestId("package-version")).ToHaveTextAsync("2");

            await row.GetByRole(AriaRole.Button, new() { Name = $"Distribute {name}" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("DP-SITE").CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Distribute", Exact = true }).ClickAsync();
            var onSite = page.Locator("tr[data-status='DP-SITE']");
            await Expect(onSite).ToBeVisibleAsync();
            // The copy runs in the background: Refresh until it has finished.
            for (var i = 0; i < 60 && await onSite.Locator(".ts-status").TextContentAsync() != "Success"; i++)
            {
                await page.WaitForTimeoutAsync(500);
                await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            }

            await Expect(onSite.Locator(".ts-status")).ToHaveTextAsync("Success");
            await Expect(page.GetByText("Programs: Install (sh setup.sh)")).ToBeVisibleAsync();
            await fixture.ScreenshotAsync(page, "packages");
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    [Fact]
    public async Task Read_only_analyst_sees_packages_and_their_status_without_write_controls()
    {
        var source = Directory.CreateTempSubdirectory("tsorch-designer-packages-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(source, "driver.inf"), "[Version]\n");
            var name = SequenceBuilder.UniqueName("Drivers");
            await fixture.PostAsync("/api/v1/packages", new { name, sourcePath = source, type = "DriverPackage" });
            var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"packages-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
            await page.GotoAsync("/packages");

            var row = page.Locator("tr[data-package]").Filter(new() { HasText = name });
            await Expect(row).ToContainTextAsync("Driver package");
            await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Create a package" })).ToHaveCountAsync(0);
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Update content of {name}" })).ToHaveCountAsync(0);
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Distribute {name}" })).ToHaveCountAsync(0);
            await row.GetByRole(AriaRole.Button, new() { Name = $"Content status of {name}" }).ClickAsync();
            await Expect(page.GetByText("Not distributed to any distribution point yet.")).ToBeVisibleAsync();
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }
}
