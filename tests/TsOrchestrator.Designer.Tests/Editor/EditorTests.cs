using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Editor;

[Collection(DesignerGroup.Name)]
public sealed class EditorTests(DesignerFixture fixture)
{
    [Fact]
    public async Task A_sequence_built_in_the_editor_is_saved_and_comes_back_after_a_reload()
    {
        var page = await fixture.SignedInPageAsync();
        var name = SequenceBuilder.UniqueName("Built in the editor");

        // Create from the wizard.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        var wizard = page.GetByRole(AriaRole.Dialog);
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "Create a new custom task sequence" }).CheckAsync();
        await wizard.GetByLabel("Task sequence name").FillAsync(name);
        await fixture.ScreenshotAsync(page, "create-wizard");
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Editing");

        // A group, then a step after it, dragged into the group.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Install apps");
        await page.GetByLabel("Name", new() { Exact = true }).PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add step Run Command Line" }).ClickAsync();
        var step = page.GetByRole(AriaRole.Treeitem, new() { Name = "Run Command Line, Run Command Line" });
        await step.DragToAsync(page.GetByRole(AriaRole.Treeitem, new() { Name = "Install apps, group" }), new() { TargetPosition = new() { X = 40, Y = 18 } });
        await Expect(page.GetByRole(AriaRole.Treeitem).Filter(new() { HasText = "Run Command Line" })).ToHaveAttributeAsync("aria-level", "2");

        // A required setting: the live check flags it on the node and the field until it is filled.
        await Expect(page.GetByTestId("node-problems")).ToContainTextAsync("settings.CommandLine");
        var commandLine = page.GetByRole(AriaRole.Textbox, new() { Name = "Command line *" });
        await commandLine.FillAsync("cmd /c echo hello");
        await commandLine.PressAsync("Tab");
        await Expect(page.GetByTestId("node-problems")).ToHaveCountAsync(0);

        // A nested condition: If All { _SMSTSInWinPE equals false, If Any { OSDComputerName exists } }.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Options" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add If statement" }).ClickAsync();
        await page.GetByLabel("Variable name").FillAsync("_SMSTSInWinPE");
        await page.GetByLabel("Variable name").PressAsync("Tab");
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("false");
        await page.GetByLabel("Value", new() { Exact = true }).PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add If statement" }).ClickAsync();
        var nested = page.GetByRole(AriaRole.Group, new() { Name = "If All statement" }).GetByRole(AriaRole.Group, new() { Name = "If All statement" });
        await nested.GetByLabel("If statement kind").SelectOptionAsync("Any");
        var anyStatement = page.GetByRole(AriaRole.Group, new() { Name = "If Any statement" });
        await anyStatement.GetByRole(AriaRole.Button, new() { Name = "Add variable condition" }).ClickAsync();
        await anyStatement.GetByLabel("Variable name").FillAsync("OSDComputerName");
        await anyStatement.GetByLabel("Variable name").PressAsync("Tab");
        await anyStatement.GetByLabel("Operator").SelectOptionAsync("Exists");

        // A second step at the root, then save.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Install apps, group" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add step Restart Computer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Restart Computer, Restart Computer" })).ToHaveAttributeAsync("aria-selected", "true");
        await fixture.ScreenshotAsync(page, "editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();

        // Reload: everything is still there, in the browser and in the store.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem).Filter(new() { HasText = "Run Command Line" })).ToHaveAttributeAsync("aria-level", "2");
        await page.GetByRole(AriaRole.Treeitem).Filter(new() { HasText = "Run Command Line" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Command line *" })).ToHaveValueAsync("cmd /c echo hello");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Options" }).ClickAsync();
        await Expect(page.GetByLabel("Variable name").First).ToHaveValueAsync("_SMSTSInWinPE");

        var id = (await fixture.FindSequenceIdAsync(name))!;
        var saved = await fixture.GetSequenceAsync(id);
        var group = saved.Nodes[0].ShouldBeOfType<GroupNode>();
        group.Name.ShouldBe("Install apps");
        var command = group.Children.ShouldHaveSingleItem().ShouldBeOfType<StepNode>();
        command.Settings["CommandLine"].ShouldBe("cmd /c echo hello");
        var condition = command.Condition.ShouldBeOfType<IfStatement>();
        condition.Kind.ShouldBe(IfKind.All);
        condition.Conditions[0].ShouldBeOfType<VariableCondition>().ShouldBe(new VariableCondition { Variable = "_SMSTSInWinPE", Operator = ConditionOperator.Equals, Value = "false" });
        var any = condition.Conditions[1].ShouldBeOfType<IfStatement>();
        any.Kind.ShouldBe(IfKind.Any);
        any.Conditions.ShouldHaveSingleItem().ShouldBeOfType<VariableCondition>().Operator.ShouldBe(ConditionOperator.Exists);
        saved.Nodes[1].ShouldBeOfType<StepNode>().Type.ShouldBe("RestartComputer");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_validation_error_shows_on_the_node_and_field_and_the_server_refuses_the_save()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Validation"), SequenceBuilder.Command("Say hello", "cmd /c echo hello")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Say hello, Run Command Line" }).ClickAsync();

        var commandLine = page.GetByRole(AriaRole.Textbox, new() { Name = "Command line *" });
        await commandLine.FillAsync("");
        await commandLine.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Say hello, Run Command Line, 1 problem" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("node-problems")).ToContainTextAsync("settings.CommandLine: Command line is required");
        await Expect(page.GetByTestId("node-panel").GetByTestId("field-error")).ToHaveTextAsync("Command line is required");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Not saved: the server found 1 problem(s)")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("node-problems")).ToContainTextAsync("is required");
        await fixture.ScreenshotAsync(page, "editor-validation");
        (await fixture.GetSequenceAsync(id)).Version.ShouldBe(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task While_one_user_edits_another_sees_the_sequence_read_only_with_the_holders_name()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Locked"), SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var editor = await fixture.SignedInPageAsync();
        await editor.GotoAsync($"/task-sequences/{id}/edit");
        await Expect(editor.GetByTestId("mode")).ToHaveTextAsync("Editing");

        var other = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync("operator-" + Guid.NewGuid().ToString("N")[..6], "OperatingSystemDeploymentManager"));
        await other.GotoAsync($"/task-sequences/{id}/edit");
        await Expect(other.GetByTestId("mode")).ToHaveTextAsync("Read-only");
        await Expect(other.GetByTestId("lock-holder")).ToContainTextAsync("admin is editing this task sequence");
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true })).ToHaveCountAsync(0);
        await Expect(other.GetByRole(AriaRole.Navigation, new() { Name = "Add step" })).ToHaveCountAsync(0);

        await other.GotoAsync($"/task-sequences/{id}/view");
        await Expect(other.GetByTestId("lock-holder")).ToContainTextAsync("admin is editing");
        await fixture.ScreenshotAsync(other, "editor-read-only-locked");
        await editor.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task The_tree_is_usable_with_the_keyboard_alone()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Keyboard"),
            SequenceBuilder.Command("First", "cmd /c echo 1"), SequenceBuilder.Command("Second", "cmd /c echo 2"), SequenceBuilder.Command("Third", "cmd /c echo 3")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "First, Run Command Line" }).ClickAsync();

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Second, Run Command Line" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(page.GetByRole(AriaRole.Treeitem).First).ToHaveAttributeAsync("data-node-name", "Second");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        var saved = await fixture.GetSequenceAsync(id);
        saved.Nodes.Select(n => n.Name).ShouldBe(["Second", "First"]);

        // The two versions side by side: the deleted step is on the left only.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {saved.Name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Versions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare version 1 with 2" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Differences between version 1 and 2" })).ToContainTextAsync("Third");
        await fixture.ScreenshotAsync(page, "versions-diff");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_secret_setting_is_a_password_input_that_never_shows_the_stored_value()
    {
        var step = SequenceBuilder.Command("As another account", "cmd /c whoami") with
        {
            Settings = new Dictionary<string, string> { ["CommandLine"] = "cmd /c whoami", ["RunAsUser"] = "true", ["UserName"] = "svc-deploy", ["UserPassword"] = "S3cret-Value!" },
        };
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Secret"), step));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "As another account, Run Command Line" }).ClickAsync();

        var password = page.Locator("#setting-UserPassword");
        await Expect(password).ToHaveAttributeAsync("type", "password");
        await Expect(password).ToHaveValueAsync("");
        (await page.ContentAsync()).ShouldNotContain("S3cret-Value!");

        // Saving without touching it keeps the stored secret (the server restores its placeholder).
        var name = page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync("Renamed step");
        await name.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain("S3cret-Value!");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_save_conflict_is_explained_and_what_was_typed_is_kept_and_can_be_saved_over()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Conflict"), SequenceBuilder.Command("Original", "cmd /c echo 1")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Editing");

        // Meanwhile the same administrator saves version 2 from another tool (it holds the same lock).
        var other = await fixture.GetSequenceAsync(id);
        await fixture.SaveAsync(id, other with { Description = "saved elsewhere" });

        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Original, Run Command Line" }).ClickAsync();
        var name = page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync("Typed in the browser");
        await name.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("save-conflict")).ToContainTextAsync("was changed by someone else");
        await Expect(page.GetByTestId("save-conflict")).ToContainTextAsync("Your changes are still here");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Typed in the browser, Run Command Line" })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "editor-save-conflict");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save mine as the newest version" }).ClickAsync();
        await Expect(page.GetByText("Saved version 3")).ToBeVisibleAsync();
        (await fixture.GetSequenceAsync(id)).Nodes[0].Name.ShouldBe("Typed in the browser");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Leaving_the_editor_with_unsaved_changes_asks_first()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Unsaved"), SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Expect(page.GetByText("Unsaved changes", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "New Group, group" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Leave without saving" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task Sequences" })).ToBeVisibleAsync();
        (await fixture.GetSequenceAsync(id)).Version.ShouldBe(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Find_highlights_matches_in_names_settings_and_conditions_and_F3_steps_through_them()
    {
        var conditional = SequenceBuilder.Command("Only in PE", "cmd /c format") with
        {
            Condition = new Domain.Conditions.VariableCondition { Variable = "_SMSTSInWinPE", Value = "true" },
        };
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Find"),
            SequenceBuilder.Command("Copy logs", "robocopy logs"),
            new GroupNode { Name = "Setup", Children = [SequenceBuilder.Command("Install agent", "setup.exe /quiet"), conditional] },
            SequenceBuilder.Command("Finish", "cmd /c echo done")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/view");
        await Expect(page.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(5);

        await page.Keyboard.PressAsync("Control+f");
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Find in the sequence" })).ToBeFocusedAsync();
        // "/" alone also matches "setup.exe /quiet" (3 matches): "2 matches" is seen only once the circuit has the
        // whole text, so the Enter below cannot be overtaken by a late keystroke (a CI flake when "cmd" and "cmd /c" both
        // read "2 matches").
        await page.Keyboard.TypeAsync("/c");
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Find in the sequence" })).ToHaveValueAsync("/c");
        await Expect(page.GetByTestId("find-count")).ToHaveTextAsync("2 matches");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("find-count")).ToHaveTextAsync("1 of 2");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Only in PE, Run Command Line" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("F3");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Finish, Run Command Line" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Shift+F3");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Only in PE, Run Command Line" })).ToHaveAttributeAsync("aria-selected", "true");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Find in the sequence" }).FillAsync("smstsinwinpe");
        await Expect(page.GetByTestId("find-count")).ToHaveTextAsync("1 of 1");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Find in the sequence" }).FillAsync("");
        await page.GetByLabel("Has conditions").CheckAsync();
        await Expect(page.Locator("[data-match=true]")).ToHaveCountAsync(1);
        await fixture.ScreenshotAsync(page, "editor-find");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cut_copy_and_paste_move_and_duplicate_nodes_from_the_keyboard()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Clipboard"),
            SequenceBuilder.Command("One", "cmd /c echo 1"),
            new GroupNode { Name = "Group", Children = [SequenceBuilder.Command("Inside", "cmd /c echo in")] },
            SequenceBuilder.Command("Two", "cmd /c echo 2")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");

        // Cut "One", paste it after "Two": a move. Copy the group, paste it at the end: a duplicate with its step.
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "One, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+x");
        await Expect(page.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Two, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+v");
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Group, group" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+c");
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "One, Run Command Line" }).ClickAsync();
        await page.Keyboard.PressAsync("Control+v");
        await Expect(page.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(6);

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        var saved = await fixture.GetSequenceAsync(id);
        saved.Nodes.Select(n => n.Name).ShouldBe(["Group", "Two", "One", "Group"]);
        ((GroupNode)saved.Nodes[3]).Children.ShouldHaveSingleItem().Name.ShouldBe("Inside");
        saved.Nodes[3].Id.ShouldNotBe(saved.Nodes[0].Id);
        await page.Context.CloseAsync();
    }
}
