using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Exchange;

[Collection(DesignerGroup.Name)]
public sealed class ExchangeTests(DesignerFixture fixture, ITestOutputHelper output)
{
    private const string JoinPassword = "Join-Secret-4711";

    [Fact]
    public async Task Exported_zip_holds_the_manifest_and_the_sequence_and_importing_it_with_create_new_lists_a_second_copy_whose_password_must_be_re_entered()
    {
        var name = SequenceBuilder.UniqueName("Exported");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Prepare", "cmd /c echo 1"), new StepNode
        {
            Name = "Join",
            Type = StepTypeIds.JoinDomainOrWorkgroup,
            Settings = new Dictionary<string, string> { ["DomainName"] = "lab.local", ["DomainUsername"] = @"LAB\join", ["DomainPassword"] = JoinPassword },
        }));
        var folder = Directory.CreateTempSubdirectory("tsorch-designer-export-").FullName;
        try
        {
            var page = await fixture.SignedInPageAsync();
            await page.GetByLabel("Search task sequences by name").FillAsync(name);
            await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByRole(AriaRole.List, new() { Name = "Task sequences to export" })).ToContainTextAsync(id);
            await Expect(dialog.GetByLabel("Export all task sequence dependencies")).ToBeCheckedAsync();
            await Expect(dialog.GetByLabel("Export all content")).Not.ToBeCheckedAsync();
            await dialog.GetByLabel("Administrator comments").FillAsync("Lab build for the pilot");
            await Expect(dialog).ToContainTextAsync($"Downloads as {name}.zip");
            await dialog.GetByLabel("Export all content").CheckAsync();
            await Expect(dialog).ToContainTextAsync($"Downloads as {name}.tar");
            await dialog.GetByLabel("Export all content").UncheckAsync();
            await fixture.ScreenshotAsync(page, "export-dialog");

            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
            download.SuggestedFilename.ShouldBe($"{name}.zip");
            var saved = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            using (var zip = ZipFile.OpenRead(saved))
            {
                using var manifest = JsonDocument.Parse(await new StreamReader(zip.GetEntry("manifest.json").ShouldNotBeNull().Open()).ReadToEndAsync());
                manifest.RootElement.GetProperty("comment").GetString().ShouldBe("Lab build for the pilot");
                var sequence = await new StreamReader(zip.GetEntry($"task-sequences/{id}.tsq.json").ShouldNotBeNull().Open()).ReadToEndAsync();
                sequence.ShouldContain(name);
                sequence.ShouldNotContain(JoinPassword);
            }

            await Expect(dialog).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await dialog.GetByLabel("File to import").SetInputFilesAsync(saved);
            var row = dialog.Locator($"tr[data-object='{id}']");
            await Expect(row).ToContainTextAsync(name);
            await Expect(row).ToContainTextAsync($"Yes: {id}");
            await Expect(row).ToContainTextAsync("1 to re-enter");
            await Expect(dialog).ToContainTextAsync("Lab build for the pilot");
            var action = dialog.GetByLabel($"Action for {id} {name}");
            await Expect(action).ToHaveValueAsync("IgnoreDuplicate");
            await action.SelectOptionAsync(new SelectOptionValue { Label = "Create New" });
            await fixture.ScreenshotAsync(page, "import-dialog-preview");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

            var imported = dialog.Locator($"tr[data-imported='{id}']");
            await Expect(imported).ToContainTextAsync("Create New");
            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("enter them again");
            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("DomainPassword");
            await fixture.ScreenshotAsync(page, "import-dialog-result");

            // The list behind the dialog already shows the copy; closing leaves it there.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToHaveCountAsync(2);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToHaveCountAsync(2);
            var ids = await SequenceIdsNamedAsync(name);
            ids.Count.ShouldBe(2);
            ids.ShouldContain(id);
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Export_with_content_downloads_one_tar_of_the_zip_and_its_files_which_imports_as_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-designer-export-").FullName;
        try
        {
            var source = Directory.CreateDirectory(Path.Combine(folder, "source")).FullName;
            await File.WriteAllTextAsync(Path.Combine(source, "setup.sh"), "echo installing\n");
            var package = await fixture.PostAsync("/api/v1/packages", new
            {
                name = SequenceBuilder.UniqueName("Exported package"), sourcePath = source, type = "Package", programs = new[] { new { name = "Setup", commandLine = "sh setup.sh" } },
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
            await page.GetByLabel("Search task sequences by name").FillAsync(name);
            await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Export all content").CheckAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
            download.SuggestedFilename.ShouldBe($"{name}.tar");
            var saved = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            var entries = new List<string>();
            await using (var tar = new TarReader(File.OpenRead(saved)))
            {
                while (await tar.GetNextEntryAsync() is { } entry)
                {
                    entries.Add(entry.Name);
                }
            }

            entries.ShouldContain("export.zip");
            entries.ShouldContain($"export_files/{packageId}/setup.sh");

            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await dialog.GetByLabel("File to import").SetInputFilesAsync(saved);
            await Expect(dialog).ToContainTextAsync("with content");
            await Expect(dialog.Locator($"tr[data-object='{packageId}']")).ToContainTextAsync("Package");
            await Expect(dialog.GetByLabel($"Action for {packageId}", new() { Exact = false })).ToHaveValueAsync("IgnoreDuplicate");
            await dialog.GetByLabel($"Action for {id} {name}").SelectOptionAsync(new SelectOptionValue { Label = "Create New" });
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await Expect(dialog.Locator($"tr[data-imported='{packageId}']")).ToContainTextAsync("Ignore Duplicate");
            await Expect(dialog.Locator($"tr[data-imported='{id}']")).ToContainTextAsync("Create New");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToHaveCountAsync(2);
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ctrl_click_selects_several_sequences_and_one_export_holds_them_all()
    {
        var prefix = SequenceBuilder.UniqueName("Several");
        var first = await fixture.CreateSequenceAsync(SequenceBuilder.With($"{prefix} one", SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var second = await fixture.CreateSequenceAsync(SequenceBuilder.With($"{prefix} two", SequenceBuilder.Command("Step", "cmd /c echo 2")));
        var folder = Directory.CreateTempSubdirectory("tsorch-designer-export-").FullName;
        try
        {
            var page = await fixture.SignedInPageAsync();
            await page.GetByLabel("Search task sequences by name").FillAsync(prefix);
            await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {prefix} one" }).ClickAsync();

            // From the keyboard: Ctrl+Enter on the second name adds it to the selection.
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {prefix} two" }).FocusAsync();
            await page.Keyboard.PressAsync("Control+Enter");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {prefix} two" })).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {prefix} one" })).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GetByRole(AriaRole.Button, new() { Name = "Export 2 task sequences" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByLabel("File name")).ToHaveValueAsync("task-sequences-2");
            await dialog.GetByLabel("Export all task sequence dependencies").UncheckAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync());
            download.SuggestedFilename.ShouldBe("task-sequences-2.zip");
            var saved = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            using var zip = ZipFile.OpenRead(saved);
            zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("task-sequences/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .ShouldBe(new[] { $"task-sequences/{first}.tsq.json", $"task-sequences/{second}.tsq.json" }.Order(StringComparer.Ordinal));

            // Ctrl+click on a selected name takes it out again.
            await page.GetByRole(AriaRole.Button, new() { Name = $"Select {prefix} one" }).ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {prefix} one" })).ToHaveAttributeAsync("aria-pressed", "false");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true })).ToBeEnabledAsync();
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Importing_a_configmgr_task_sequence_xml_lists_the_sequence()
    {
        var file = TsXmlFixtures.Folder is null ? null : TsXmlFixtures.PathOf("cm-cmhub-GatherLight.xml");
        if (file is null || !File.Exists(file))
        {
            output.WriteLine("../shared/fixtures/ts-xml was not found beside the repository: the fixture import did not run.");
            return;
        }

        var name = Path.GetFileNameWithoutExtension(file);
        var before = (await SequenceIdsNamedAsync(name)).Count;
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("File to import").SetInputFilesAsync(file);
        await Expect(dialog).ToContainTextAsync("task sequence XML");
        var row = dialog.Locator("tr[data-object]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(name);
        var action = row.GetByRole(AriaRole.Combobox);
        if (before > 0)
        {
            await action.SelectOptionAsync(new SelectOptionValue { Label = "Create New" });
        }

        await Expect(action).ToHaveValueAsync("CreateNew");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported" })).ToContainTextAsync("Imported 1 object");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await page.GetByLabel("Search task sequences by name").FillAsync(name);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToHaveCountAsync(before + 1);
        (await SequenceIdsNamedAsync(name)).Count.ShouldBe(before + 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Import_preview_lists_the_packages_the_sequence_names_that_the_site_lacks()
    {
        // Issue 13: the sequence lands, but its deployment is refused until these exist; the preview says so first.
        var file = TsXmlFixtures.Folder is null ? null : TsXmlFixtures.PathOf("cm-cmhub-Windows10-BuildAndCapture.xml");
        if (file is null || !File.Exists(file))
        {
            output.WriteLine("../shared/fixtures/ts-xml was not found beside the repository: the fixture import did not run.");
            return;
        }

        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("File to import").SetInputFilesAsync(file);

        await Expect(dialog.Locator("tr[data-object]")).ToHaveCountAsync(1);
        var missing = dialog.GetByRole(AriaRole.List, new() { Name = "Missing references" });
        await Expect(missing.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "SCB00026" })).ToHaveCountAsync(1);
        await Expect(dialog.Locator("#import-unresolved")).ToContainTextAsync("deploying them is refused until these exist");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_shows_the_servers_reason_and_imports_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-designer-import-").FullName;
        try
        {
            var notAnExport = Path.Combine(folder, "notes.zip");
            await File.WriteAllTextAsync(notAnExport, "these are meeting notes, not an export\n");
            var before = await SequenceCountAsync();
            var page = await fixture.SignedInPageAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("File to import").SetInputFilesAsync(notAnExport);
            var alert = dialog.GetByRole(AriaRole.Alert);
            await Expect(alert).ToContainTextAsync("this is not an export");
            await Expect(alert).ToContainTextAsync("Nothing was imported");
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true })).ToBeDisabledAsync();
            await fixture.ScreenshotAsync(page, "import-dialog-refused");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            (await SequenceCountAsync()).ShouldBe(before);
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_read_only_analyst_may_export_but_is_offered_no_import()
    {
        var name = SequenceBuilder.UniqueName("Analyst export");
        await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"exchange-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true })).ToHaveCountAsync(0);
        await page.GetByLabel("Search task sequences by name").FillAsync(name);
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true })).ToBeEnabledAsync();
        await page.Context.CloseAsync();
    }

    private async Task<List<string>> SequenceIdsNamedAsync(string name)
    {
        using var api = fixture.Server.Api();
        var rows = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/task-sequences?name={Uri.EscapeDataString(name)}", UriKind.Relative));
        return [.. rows.EnumerateArray().Where(r => r.GetProperty("name").GetString() == name).Select(r => r.GetProperty("id").GetString()!)];
    }

    private async Task<int> SequenceCountAsync()
    {
        using var api = fixture.Server.Api();
        var rows = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/task-sequences", UriKind.Relative));
        return rows.GetArrayLength();
    }
}
