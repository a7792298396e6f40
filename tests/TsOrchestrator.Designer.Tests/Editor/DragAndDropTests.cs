using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Editor;

[Collection(DesignerGroup.Name)]
public sealed class DragAndDropTests(DesignerFixture fixture)
{
    [Fact]
    public async Task While_dragging_the_row_under_the_pointer_shows_whether_the_drop_goes_before_after_or_into_a_group()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Drop marks"),
            new GroupNode { Name = "Apps" },
            SequenceBuilder.Command("Middle", "cmd /c echo 1"),
            SequenceBuilder.Command("Moved", "cmd /c echo 2")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        var group = page.GetByRole(AriaRole.Treeitem, new() { Name = "Apps, group" });
        var middle = page.GetByRole(AriaRole.Treeitem, new() { Name = "Middle, Run Command Line" });
        var moved = page.GetByRole(AriaRole.Treeitem, new() { Name = "Moved, Run Command Line" });

        await moved.HoverAsync();
        await page.Mouse.DownAsync();
        await MoveToAsync(page, middle, 18);
        await Expect(middle).ToHaveClassAsync(DropMark("after"));
        await MoveToAsync(page, middle, 3);
        await Expect(middle).ToHaveClassAsync(DropMark("before"));
        await MoveToAsync(page, group, 18);
        await Expect(group).ToHaveClassAsync(DropMark("into"));
        await Expect(middle).Not.ToHaveClassAsync(new Regex("ts-drop-"));
        await fixture.ScreenshotAsync(page, "editor-drop-into");

        // The drop lands where the mark said, and leaves no mark behind.
        await page.Mouse.UpAsync();
        await Expect(moved).ToHaveAttributeAsync("aria-level", "2");
        await Expect(page.Locator(".ts-tree [class*='ts-drop-']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static Regex DropMark(string position) => new($@"\bts-drop-{position}\b");

    private static async Task MoveToAsync(IPage page, ILocator row, int y)
    {
        var box = (await row.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 40, box.Y + y, new() { Steps = 4 });
    }
}
