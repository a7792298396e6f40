using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Editor;

[Collection(DesignerGroup.Name)]
public sealed class ConditionClipboardTests(DesignerFixture fixture)
{
    private static readonly VariableCondition OnDiskC = new() { Variable = "OSDisk", Operator = ConditionOperator.Equals, Value = "C:" };
    private static readonly VariableCondition HasModel = new() { Variable = "Model", Operator = ConditionOperator.Exists };
    private static readonly VariableCondition InLab = new() { Variable = "Lab", Operator = ConditionOperator.Equals, Value = "1" };

    [Fact]
    public async Task A_copied_condition_pastes_onto_other_steps_before_after_and_under_existing_conditions()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Condition clipboard"),
            SequenceBuilder.Command("Source", "echo source") with { Condition = new IfStatement { Kind = IfKind.All, Conditions = [OnDiskC, HasModel] } },
            SequenceBuilder.Command("Beside", "echo beside") with { Condition = InLab },
            SequenceBuilder.Command("Empty", "echo empty")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Editing");

        // Copy the If statement of Source; paste it after Beside's single condition (both go under an If All).
        await OptionsOfAsync(page, "Source");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy If All statement" }).ClickAsync();
        await OptionsOfAsync(page, "Beside");
        await page.GetByRole(AriaRole.Button, new() { Name = "Paste condition after condition on Lab" }).ClickAsync();
        var pasted = page.GetByRole(AriaRole.Group, new() { Name = "If All statement" }).GetByRole(AriaRole.Group, new() { Name = "If All statement" });
        await Expect(pasted.GetByLabel("Variable name").First).ToHaveValueAsync("OSDisk");

        // Copy Model exists alone; paste it before Lab and under the pasted statement.
        await pasted.GetByRole(AriaRole.Button, new() { Name = "Copy condition on Model" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Paste condition before condition on Lab" }).ClickAsync();
        await pasted.GetByRole(AriaRole.Button, new() { Name = "Paste condition under this If All statement" }).First.ClickAsync();
        await fixture.ScreenshotAsync(page, "editor-condition-paste");

        // A step without a condition takes the copy as its condition.
        await OptionsOfAsync(page, "Empty");
        await page.GetByRole(AriaRole.Button, new() { Name = "Paste condition", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Variable name")).ToHaveValueAsync("Model");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        var saved = await fixture.GetSequenceAsync(id);
        saved.Nodes[0].ShouldBeOfType<StepNode>().Condition.ShouldBeOfType<IfStatement>().Conditions.ShouldBe([OnDiskC, HasModel]);
        var beside = saved.Nodes[1].ShouldBeOfType<StepNode>().Condition.ShouldBeOfType<IfStatement>();
        beside.Kind.ShouldBe(IfKind.All);
        beside.Conditions.Count.ShouldBe(3);
        beside.Conditions[0].ShouldBe(HasModel);
        beside.Conditions[1].ShouldBe(InLab);
        beside.Conditions[2].ShouldBeOfType<IfStatement>().Conditions.ShouldBe([OnDiskC, HasModel, HasModel]);
        saved.Nodes[2].ShouldBeOfType<StepNode>().Condition.ShouldBe(HasModel);
        await page.Context.CloseAsync();
    }

    private static async Task OptionsOfAsync(IPage page, string step)
    {
        await page.GetByRole(AriaRole.Treeitem, new() { Name = $"{step}, Run Command Line" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Options" }).ClickAsync();
    }
}
