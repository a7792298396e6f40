using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Editor;

/// <summary>Figures for the closing note: measured and printed, never asserted (the machine is shared).</summary>
[Collection(DesignerGroup.Name)]
public sealed class EditorPerformanceTests(DesignerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Opening_a_1000_step_sequence_and_saving_a_drag_and_drop_move_are_measured()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.Large(SequenceBuilder.UniqueName("Thousand steps"), groups: 20, stepsPerGroup: 50));
        var page = await fixture.SignedInPageAsync();

        var open = Stopwatch.StartNew();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Step 20.50, Run Command Line" })).ToBeAttachedAsync(new() { Timeout = 60_000 });
        open.Stop();
        (await page.GetByRole(AriaRole.Treeitem).CountAsync()).ShouldBe(1_020);

        var move = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Treeitem, new() { Name = "Step 1.50, Run Command Line" })
            .DragToAsync(page.GetByRole(AriaRole.Treeitem, new() { Name = "Group 2, group" }), new() { TargetPosition = new() { X = 40, Y = 18 } });
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Step 1.50, Run Command Line" })).ToHaveAttributeAsync("aria-selected", "true");
        var dropped = move.Elapsed;
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        move.Stop();
        await fixture.ScreenshotAsync(page, "editor-1000-steps");

        var saved = await fixture.GetSequenceAsync(id);
        ((Domain.Sequences.GroupNode)saved.Nodes[1]).Children[0].Name.ShouldBe("Step 1.50");
        Report($"open a 1,000-step sequence (20 groups x 50 steps) in the editor: {open.Elapsed.TotalMilliseconds:0} ms");
        Report($"drag-and-drop move shown: {dropped.TotalMilliseconds:0} ms; move then Apply until saved: {move.Elapsed.TotalMilliseconds:0} ms");
        await page.Context.CloseAsync();
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(fixture.ScreenshotDirectory, "measurements.txt"),
            string.Create(CultureInfo.InvariantCulture, $"{line}{Environment.NewLine}"));
    }
}
