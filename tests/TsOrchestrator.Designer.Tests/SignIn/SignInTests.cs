using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;

namespace TsOrchestrator.Designer.Tests.SignIn;

[Collection(DesignerGroup.Name)]
public sealed class SignInTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Signing_in_with_the_admin_key_opens_the_task_sequence_list_as_that_user()
    {
        var page = await fixture.SignedInPageAsync();

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("admin · Full Administrator");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "task-sequences");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_key_is_refused_on_the_sign_in_page()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.Url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/task-sequences");
        await page.GetByLabel("Admin API key").FillAsync("tsk_not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The server did not accept this key.");
        await fixture.ScreenshotAsync(page, "sign-in-refused");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_read_only_analyst_sees_no_edit_actions()
    {
        var key = await fixture.Server.CreateKeyAsync("analyst", "ReadOnlyAnalyst");
        var page = await fixture.SignedInPageAsync(key);

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Read-only Analyst");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "View", Exact = true })).ToBeVisibleAsync();
        foreach (var action in new[] { "Create", "Edit", "Enable", "Disable", "Copy", "Move", "Delete" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true })).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }
}
