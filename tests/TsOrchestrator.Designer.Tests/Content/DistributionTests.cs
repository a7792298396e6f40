using System.IO.Compression;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Content;

[Collection(DesignerGroup.Name)]
public sealed class DistributionTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Distribute_content_sends_the_referenced_package_to_the_site_server_the_status_page_follows_it_and_a_prestaged_file_holds_it()
    {
        var source = Directory.CreateTempSubdirectory("tsorch-designer-package-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(source, "setup.sh"), "echo installing\n");
            await File.WriteAllBytesAsync(Path.Combine(source, "payload.bin"), [.. Enumerable.Range(0, 4096).Select(i => (byte)i)]);
            var packageName = SequenceBuilder.UniqueName("Client package");
            var package = await fixture.PostAsync("/api/v1/packages", new
            {
                name = packageName, sourcePath = source, type = "Package", programs = new[] { new { name = "Setup", commandLine = "sh setup.sh" } },
            });
            var packageId = package.GetProperty("id").GetString()!;
            var name = SequenceBuilder.UniqueName("With content");
            var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, new StepNode
            {
                Name = "Install client",
                Type = "InstallPackage",
                Settings = new Dictionary<string, string> { ["PackageID"] = packageId, ["ProgramName"] = "Setup" },
            }));

            var page = await fixture.SignedInPageAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Content Status" }).ClickAsync();
            var row = page.Locator($"tr[data-package='{packageId}']");
            await Expect(row).ToContainTextAsync("Not distributed to any distribution point");
            await page.GetByRole(AriaRole.Link, new() { Name = "Task Sequences", Exact = true }).ClickAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Distribute Content" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Distribute", Exact = true }).ClickAsync();
            await Expect(dialog.GetByText("Choose at least one distribution point or group")).ToBeVisibleAsync();
            await dialog.GetByLabel("DP-SITE").CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Distribute", Exact = true }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Content status of {name}" })).ToBeVisibleAsync();
            var onSite = page.Locator($"tr[data-package='{packageId}'][data-dp='DP-SITE']");
            await Expect(onSite).ToContainTextAsync(packageName);
            await Expect(onSite.Locator(".ts-status")).ToHaveTextAsync("Success");
            await fixture.ScreenshotAsync(page, "content-status");

            await page.GetByRole(AriaRole.Link, new() { Name = "Task Sequences", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Create Prestaged Content File" }).ClickAsync();
            await Expect(dialog.GetByLabel(packageName)).ToBeCheckedAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Create file" }).ClickAsync());
            download.SuggestedFilename.ShouldBe($"{id}.prestaged.zip");
            var saved = Path.Combine(source, "downloaded.zip");
            await download.SaveAsAsync(saved);
            using var zip = ZipFile.OpenRead(saved);
            var manifest = zip.GetEntry("prestaged.json").ShouldNotBeNull();
            using var reader = new StreamReader(manifest.Open());
            (await reader.ReadToEndAsync()).ShouldContain(packageId);
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }
}
