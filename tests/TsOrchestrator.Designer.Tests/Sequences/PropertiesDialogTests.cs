using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Sequences;

[Collection(DesignerGroup.Name)]
public sealed class PropertiesDialogTests(DesignerFixture fixture)
{
    [Fact]
    public async Task High_impact_custom_text_is_counted_against_255_characters_and_refused_above_until_it_fits()
    {
        var name = SequenceBuilder.UniqueName("Properties");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Step", "cmd /c echo 1")));
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Select {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Properties", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Tab, new() { Name = "User Notification" }).ClickAsync();
        await dialog.GetByLabel("This is a high-impact task sequence").CheckAsync();
        await dialog.GetByLabel("Use custom text").CheckAsync();

        var headline = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Headline" });
        await headline.FillAsync(new string('h', 256));
        await Expect(dialog.GetByTestId("prop-headline-counter")).ToHaveTextAsync("256 / 255");
        await Expect(dialog.GetByText("Headline must be at most 255 characters")).ToBeVisibleAsync();
        foreach (var message in new[] { "Message 1", "Message 2", "Message 3" })
        {
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = message }).FillAsync($"{message} text");
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true }).ClickAsync();
        await Expect(dialog.GetByText("Validation failed")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "properties-user-notification");
        (await fixture.GetSequenceAsync(id)).Version.ShouldBe(1);

        await headline.FillAsync(new string('h', 255));
        await Expect(dialog.GetByTestId("prop-headline-counter")).ToHaveTextAsync("255 / 255");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText("Properties saved")).ToBeVisibleAsync();

        var saved = await fixture.GetSequenceAsync(id);
        saved.UserNotification.HighImpact.ShouldBeTrue();
        saved.UserNotification.Headline!.Length.ShouldBe(255);
        saved.UserNotification.Message3.ShouldBe("Message 3 text");
        await page.Context.CloseAsync();
    }
}
