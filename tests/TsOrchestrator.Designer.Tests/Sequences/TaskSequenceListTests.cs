using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Sequences;

[Collection(DesignerGroup.Name)]
public sealed class TaskSequenceListTests(DesignerFixture fixture)
{
    [Fact]
    public async Task The_create_wizard_makes_a_sequence_of_each_kind()
    {
        var page = await fixture.SignedInPageAsync();
        var kinds = new Dictionary<string, string>
        {
            ["Install an existing image package"] = "Restart in Windows PE",
            ["Upgrade an operating system from an upgrade package"] = "Upgrade",
            ["Build and capture a reference operating system image"] = "Capture",
            ["Capture and restore user state"] = "",
            ["Create a new custom task sequence"] = "",
        };
        foreach (var (kind, _) in kinds)
        {
            var name = SequenceBuilder.UniqueName(kind.Split(' ')[0]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            var wizard = page.GetByRole(AriaRole.Dialog);
            await wizard.GetByRole(AriaRole.Radio, new() { Name = kind }).CheckAsync();
            await wizard.GetByLabel("Task sequence name").FillAsync(name);
            await wizard.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            await Expect(wizard).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" })).ToBeVisibleAsync();

            var id = (await fixture.FindSequenceIdAsync(name)).ShouldNotBeNull();
            var created = await fixture.GetSequenceAsync(id);
            (created.Nodes.Count > 0).ShouldBe(kind != "Create a new custom task sequence", kind);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_create_wizard_makes_the_linux_install_os_template_when_linux_is_chosen()
    {
        var page = await fixture.SignedInPageAsync();
        var name = SequenceBuilder.UniqueName("Linux");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        var wizard = page.GetByRole(AriaRole.Dialog);
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "Install an existing image package" }).CheckAsync();
        await wizard.GetByRole(AriaRole.Radio, new() { Name = "The Linux agent's templates" }).CheckAsync();
        await wizard.GetByLabel("Task sequence name").FillAsync(name);
        await wizard.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(wizard).ToHaveCountAsync(0);

        var id = (await fixture.FindSequenceIdAsync(name)).ShouldNotBeNull();
        var created = await fixture.GetSequenceAsync(id);
        created.Nodes.Select(n => n.Name).ShouldContain("Restart in the Boot Image");
        created.Nodes.Select(n => n.Name).ShouldNotContain("Restart in Windows PE");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Enable_disable_copy_move_and_delete_act_on_the_selected_sequence_and_a_refused_delete_says_why()
    {
        var folder = $"Folder {Guid.NewGuid().ToString("N")[..6]}";
        var name = SequenceBuilder.UniqueName("Actions");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Folder name").FillAsync(folder);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = folder })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = id });

        await page.GetByLabel("Search task sequences by name").FillAsync(name);
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("No");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable", Exact = true }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("Yes");

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name} - Copy" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name} - Copy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Target folder").SelectOptionAsync(folder);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Treeitem, new() { Name = folder }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name} - Copy" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}", Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name} - Copy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByText("No task sequences here.")).ToBeVisibleAsync();

        // A deployed sequence cannot be deleted: the server's reason is shown.
        var collection = await fixture.PostAsync("/api/v1/collections", new { name = SequenceBuilder.UniqueName("Collection") });
        await fixture.PostAsync("/api/v1/deployments", new { sequenceId = id, collectionId = collection.GetProperty("id").GetString(), purpose = "Available" });
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "All task sequences" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Nth(5)).ToHaveTextAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "is deployed" }).First).ToContainTextAsync("delete its deployments first");
        await fixture.ScreenshotAsync(page, "task-sequences-delete-refused");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Security_scopes_set_in_the_console_decide_what_a_scoped_analyst_sees()
    {
        var prefix = SequenceBuilder.UniqueName("Scoped");
        var inLab = $"{prefix} lab";
        var outside = $"{prefix} other";
        await fixture.CreateSequenceAsync(SequenceBuilder.With(inLab, SequenceBuilder.Command("Step", "cmd /c echo 1")));
        await fixture.CreateSequenceAsync(SequenceBuilder.With(outside, SequenceBuilder.Command("Step", "cmd /c echo 1")));

        var admin = await fixture.SignedInPageAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Select {inLab}" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Set Security Scopes" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByLabel("Security scopes (comma-separated)").FillAsync("lab");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = inLab })).ToContainTextAsync("lab");
        await admin.Context.CloseAsync();

        var analyst = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync("lab-analyst", "ReadOnlyAnalyst", scopes: "lab"));
        await analyst.GetByLabel("Search task sequences by name").FillAsync(prefix);
        await Expect(analyst.GetByRole(AriaRole.Button, new() { Name = $"Select {inLab}" })).ToBeVisibleAsync();
        await Expect(analyst.GetByRole(AriaRole.Button, new() { Name = $"Select {outside}" })).ToHaveCountAsync(0);
        await Expect(analyst.GetByRole(AriaRole.Button, new() { Name = "Set Security Scopes" })).ToHaveCountAsync(0);
        await analyst.Context.CloseAsync();
    }
}
