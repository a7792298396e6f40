using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Editor;

[Collection(DesignerGroup.Name)]
public sealed class UndoRedoTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Tree_and_property_edits_are_undone_and_redone_by_keyboard_and_toolbar()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Undo"),
            SequenceBuilder.Command("First", "cmd /c echo 1"), SequenceBuilder.Command("Second", "cmd /c echo 2"), SequenceBuilder.Command("Third", "cmd /c echo 3")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        var undo = page.GetByRole(AriaRole.Button, new() { Name = "Undo (Ctrl+Z)" });
        var redo = page.GetByRole(AriaRole.Button, new() { Name = "Redo (Ctrl+Y)" });
        var names = page.Locator(".ts-tree .ts-node-name");
        await Expect(undo).ToBeDisabledAsync();
        await Expect(redo).ToBeDisabledAsync();

        // A move, undone by the toolbar and redone by Ctrl+Y.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "First, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(names).ToHaveTextAsync(["Second", "First", "Third"]);
        await undo.ClickAsync();
        await Expect(names).ToHaveTextAsync(["First", "Second", "Third"]);
        await Expect(undo).ToBeDisabledAsync();
        await Expect(page.GetByText("Unsaved changes", new() { Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "First, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+y");
        await Expect(names).ToHaveTextAsync(["Second", "First", "Third"]);
        await Expect(redo).ToBeDisabledAsync();

        // A delete, undone by Ctrl+Z (the deleted step comes back selected) and redone by Ctrl+Shift+Z.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Third, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        await Expect(names).ToHaveTextAsync(["Second", "First"]);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(names).ToHaveTextAsync(["Second", "First", "Third"]);
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Third, Run Command Line" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Control+Shift+z");
        await Expect(names).ToHaveTextAsync(["Second", "First"]);
        await page.Keyboard.PressAsync("Control+z");

        // Disable, a rename and a condition: each is one step back.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Second, Run Command Line" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Second, Run Command Line, disabled" })).ToBeVisibleAsync();
        var name = page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync("Renamed");
        await name.PressAsync("Tab");
        await Expect(names).ToHaveTextAsync(["Renamed", "First", "Third"]);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Options" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add variable condition" }).ClickAsync();
        var badge = page.GetByRole(AriaRole.Treeitem, new() { Name = "Renamed, Run Command Line, disabled" }).GetByTestId("condition-badge");
        await Expect(badge).ToBeVisibleAsync();

        await undo.ClickAsync();
        await Expect(badge).ToHaveCountAsync(0);
        await undo.ClickAsync();
        await Expect(names).ToHaveTextAsync(["Second", "First", "Third"]);
        await undo.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Second, Run Command Line" })).ToBeVisibleAsync();
        await redo.ClickAsync();
        await redo.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Renamed, Run Command Line, disabled" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Renamed, Run Command Line, disabled" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_undo_after_a_save_is_saved_by_ctrl_s_and_reloads_undone()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Undo saved"),
            SequenceBuilder.Command("Keep", "cmd /c echo 1"), SequenceBuilder.Command("Brought back", "cmd /c echo 2")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        var names = page.Locator(".ts-tree .ts-node-name");

        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Brought back, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        // The deletion makes its round trip before Ctrl+S is pressed: a save sent first would find nothing to save.
        await Expect(names).ToHaveTextAsync(["Keep"]);
        await Expect(page.GetByText("Unsaved changes", new() { Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        (await fixture.GetSequenceAsync(id)).Nodes.Select(n => n.Name).ShouldBe(["Keep"]);

        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Keep, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+z");
        await Expect(names).ToHaveTextAsync(["Keep", "Brought back"]);
        await Expect(page.GetByText("Unsaved changes", new() { Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.GetByText("Saved version 3")).ToBeVisibleAsync();

        // Ctrl+S in a text field commits what was typed there (saving in the same keystroke raced the field's change);
        // the next Ctrl+S saves it.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Keep, Run Command Line" }).ClickAsync();
        var name = page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync("Kept");
        await name.PressAsync("Control+s");
        await Expect(names).ToHaveTextAsync(["Kept", "Brought back"]);
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.GetByText("Saved version 4")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(names).ToHaveTextAsync(["Kept", "Brought back"]);
        var saved = await fixture.GetSequenceAsync(id);
        saved.Nodes.Select(n => n.Name).ShouldBe(["Kept", "Brought back"]);
        saved.Nodes[1].ShouldBeOfType<StepNode>().Settings["CommandLine"].ShouldBe("cmd /c echo 2");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ctrl_z_in_a_text_field_is_the_fields_own_undo_and_leaves_the_tree_alone()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Field undo"),
            SequenceBuilder.Command("First", "cmd /c echo 1"), SequenceBuilder.Command("Second", "cmd /c echo 2")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        var names = page.Locator(".ts-tree .ts-node-name");
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "First, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(names).ToHaveTextAsync(["Second", "First"]);

        var description = page.GetByLabel("Description", new() { Exact = true });
        await description.ClickAsync();
        await page.Keyboard.TypeAsync("typed");
        await page.Keyboard.PressAsync("Control+z");
        await Expect(description).ToHaveValueAsync("");
        await page.GetByLabel("Name", new() { Exact = true }).PressAsync("Control+z");
        await Expect(names).ToHaveTextAsync(["Second", "First"]);

        // The move is still the one edit to undo: the toolbar's click reaches the server after the keys did.
        var undo = page.GetByRole(AriaRole.Button, new() { Name = "Undo (Ctrl+Z)" });
        await undo.ClickAsync();
        await Expect(names).ToHaveTextAsync(["First", "Second"]);
        await Expect(undo).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Deleting_a_group_with_steps_asks_first_and_cancel_keeps_them()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Group delete"),
            new GroupNode { Name = "Apps", Children = [SequenceBuilder.Command("Office", "setup.exe"), SequenceBuilder.Command("Reader", "reader.exe")] },
            new GroupNode { Name = "Empty" },
            SequenceBuilder.Command("Last", "cmd /c echo 3")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        var names = page.Locator(".ts-tree .ts-node-name");

        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Apps, group" }).ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Delete the group Apps and the 2 steps it holds?");
        await fixture.ScreenshotAsync(page, "editor-delete-group");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(names).ToHaveTextAsync(["Apps", "Office", "Reader", "Empty", "Last"]);
        await Expect(page.GetByText("Unsaved changes", new() { Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete (Del)" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(names).ToHaveTextAsync(["Empty", "Last"]);

        // An empty group and a step go on one press.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Empty, group" }).ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        await Expect(names).ToHaveTextAsync(["Last"]);
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(0);
        await Expect(dialog).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_viewer_without_the_lock_has_no_undo_redo_or_save()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Viewer"), SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/view");
        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Read-only");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo (Ctrl+Z)" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redo (Ctrl+Y)" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Step, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.PressAsync("Control+z");
        await page.Keyboard.PressAsync("Control+s");
        await Expect(page.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(1);
        await Expect(page.GetByText("Saved version")).ToHaveCountAsync(0);
        (await fixture.GetSequenceAsync(id)).Version.ShouldBe(1);
        await page.Context.CloseAsync();
    }
}
