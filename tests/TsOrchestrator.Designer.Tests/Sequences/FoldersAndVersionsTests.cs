using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Sequences;

[Collection(DesignerGroup.Name)]
public sealed class FoldersAndVersionsTests(DesignerFixture fixture)
{
    [Fact]
    public async Task A_folder_is_renamed_with_its_sequences_and_deleted_only_once_empty()
    {
        var folder = $"Rename me {Guid.NewGuid().ToString("N")[..6]}";
        var renamed = $"Renamed {Guid.NewGuid().ToString("N")[..6]}";
        await fixture.PostAsync("/api/v1/folders", new { name = folder });
        var name = SequenceBuilder.UniqueName("In a folder");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "echo 1")));
        await fixture.PostAsync($"/api/v1/task-sequences/{id}/move", new { folder });
        var page = await fixture.SignedInPageAsync();

        await page.GetByRole(AriaRole.Treeitem, new() { Name = folder }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Rename folder {folder}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("New folder name").FillAsync("a/b");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rename", Exact = true }).ClickAsync();
        await Expect(dialog.GetByTestId("field-error")).ToContainTextAsync("no '/'");
        await dialog.GetByLabel("New folder name").FillAsync(renamed);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rename", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = renamed })).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = folder })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToBeVisibleAsync();

        // Not empty: the server's reason is shown and the folder stays.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete folder {renamed}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "is not empty" }).First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "folder-delete-refused");

        await fixture.PostAsync($"/api/v1/task-sequences/{id}/move", new { folder = (string?)null });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete folder {renamed}" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = renamed })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "All task sequences" })).ToHaveAttributeAsync("aria-current", "true");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Any_two_versions_are_compared_side_by_side()
    {
        var name = SequenceBuilder.UniqueName("Three versions");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Only in one", "echo one")));
        var sequence = await fixture.GetSequenceAsync(id);
        await fixture.PostAsync($"/api/v1/task-sequences/{id}/lock", new { });
        await fixture.SaveAsync(id, sequence with { Nodes = [SequenceBuilder.Command("Only in two", "echo two")] });
        await fixture.SaveAsync(id, sequence with { Nodes = [SequenceBuilder.Command("Only in three", "echo three")] });

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/history");
        await page.GetByLabel("Compare from version", new() { Exact = true }).SelectOptionAsync("1");
        await page.GetByLabel("to version", new() { Exact = true }).SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        var diff = page.GetByRole(AriaRole.Table, new() { Name = "Differences between version 1 and 3" });
        await Expect(diff).ToContainTextAsync("Only in one");
        await Expect(diff).ToContainTextAsync("Only in three");
        await Expect(diff).Not.ToContainTextAsync("Only in two");
        await fixture.ScreenshotAsync(page, "versions-diff-any-two");
        await page.Context.CloseAsync();
    }
}
