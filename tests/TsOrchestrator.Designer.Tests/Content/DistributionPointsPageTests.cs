using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Content;

/// <summary>Issue 13: Distribution Points: add and delete DPs; groups with members and associated collections.</summary>
[Collection(DesignerGroup.Name)]
public sealed class DistributionPointsPageTests(DesignerFixture fixture)
{
    private const string AccessKey = "branch-office-access-key-0001";

    [Fact]
    public async Task Distribution_point_and_group_are_created_grouped_associated_kept_after_reload_and_deleted_after_confirmation()
    {
        var dpName = SequenceBuilder.UniqueName("Branch DP");
        var groupName = SequenceBuilder.UniqueName("Europe");
        var collectionName = SequenceBuilder.UniqueName("Branch devices");
        var collectionId = await fixture.CreateCollectionAsync(collectionName);
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Distribution Points" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Distribution Points", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-distribution-point]").Filter(new() { HasText = "Site server" })).ToHaveCountAsync(1);

        // Refused at the fields in the console's words; nothing is sent.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("field-error").First).ToHaveTextAsync("Give the distribution point a name.");
        await page.GetByLabel("Distribution point name").FillAsync(dpName);
        await page.GetByLabel("Address").FillAsync("dp1.example:5443");
        await page.GetByLabel("Access key").FillAsync(AccessKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        // The list form waits for the re-render: until it lands, the first click's three errors are still shown.
        await Expect(page.GetByTestId("field-error")).ToHaveTextAsync(["Give the address the distribution point host listens on, starting with https:// or http://."]);

        // Keyboard only: fix the address and Enter adds it.
        await page.GetByLabel("Address").FillAsync("https://dp1.example:5443");
        await page.GetByLabel("Address").PressAsync("Enter");
        var row = page.Locator("tr[data-distribution-point]").Filter(new() { HasText = dpName });
        await Expect(row).ToContainTextAsync("https://dp1.example:5443/");
        await Expect(row).ToContainTextAsync("Remote");
        var dpId = await row.GetAttributeAsync("data-distribution-point");

        // The server refuses a second DP of the same name: its words at the name, what was typed kept.
        await page.GetByLabel("Distribution point name").FillAsync(dpName);
        await page.GetByLabel("Address").FillAsync("https://dp2.example:5443");
        await page.GetByLabel("Access key").FillAsync(AccessKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToContainTextAsync([dpName]);
        await Expect(page.GetByLabel("Address")).ToHaveValueAsync("https://dp2.example:5443");
        await Expect(row).ToHaveCountAsync(1);

        // A group, given the DP and the collection.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Create a distribution point group" }).GetByTestId("field-error")).ToHaveTextAsync("Give the group a name.");
        await page.GetByLabel("Group name").FillAsync(groupName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        var group = page.Locator("tr[data-group]").Filter(new() { HasText = groupName });
        await Expect(group).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Group {groupName}" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Add a member" }).GetByTestId("field-error")).ToHaveTextAsync("Choose the distribution point to add.");
        await page.GetByLabel("Distribution point to add").SelectOptionAsync(dpId!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.Locator($"tr[data-member='{dpId}']")).ToContainTextAsync(dpName);
        await page.GetByLabel("Collection to associate").SelectOptionAsync(collectionId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Associate" }).ClickAsync();
        await Expect(page.Locator($"tr[data-associated-collection='{collectionId}']")).ToContainTextAsync(collectionName);
        await Expect(row).ToContainTextAsync(groupName);
        await fixture.ScreenshotAsync(page, "distribution-points");

        // All of it kept.
        await page.ReloadAsync();
        await Expect(group).ToContainTextAsync(dpName);
        await Expect(group).ToContainTextAsync(collectionName);
        await group.GetByRole(AriaRole.Button, new() { Name = $"Open {groupName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove member {dpId}" }).ClickAsync();
        await Expect(page.Locator($"tr[data-member='{dpId}']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Dissociate collection {collectionId}" }).ClickAsync();
        await Expect(page.Locator($"tr[data-associated-collection='{collectionId}']")).ToHaveCountAsync(0);

        // Deletes ask first; Cancel keeps the group.
        await group.GetByRole(AriaRole.Button, new() { Name = $"Delete group {groupName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(group).ToHaveCountAsync(1);
        await group.GetByRole(AriaRole.Button, new() { Name = $"Delete group {groupName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(group).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {dpName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.Locator("tr[data-distribution-point]").Filter(new() { HasText = "Site server" })).ToHaveCountAsync(1);
        await Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Read_only_analyst_and_osd_manager_see_distribution_points_and_groups_without_write_controls()
    {
        var groupName = SequenceBuilder.UniqueName("Analyst group");
        var groupId = (await fixture.PostAsync("/api/v1/distribution-point-groups", new { name = groupName })).GetProperty("id").GetString()!;
        try
        {
            foreach (var role in new[] { "ReadOnlyAnalyst", "OperatingSystemDeploymentManager" })
            {
                var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"dp-{role}-{Guid.NewGuid():N}", role));
                await page.GetByRole(AriaRole.Link, new() { Name = "Distribution Points" }).ClickAsync();
                await Expect(page.Locator("tr[data-distribution-point]").Filter(new() { HasText = "Site server" })).ToHaveCountAsync(1);
                await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Add a distribution point" })).ToHaveCountAsync(0);
                await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Create a distribution point group" })).ToHaveCountAsync(0);
                var group = page.Locator($"tr[data-group='{groupId}']");
                await Expect(group.GetByRole(AriaRole.Button, new() { Name = $"Delete group {groupName}" })).ToHaveCountAsync(0);
                await group.GetByRole(AriaRole.Button, new() { Name = $"Open {groupName}" }).ClickAsync();
                await Expect(page.GetByText("No members.")).ToBeVisibleAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add member" })).ToHaveCountAsync(0);
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Associate" })).ToHaveCountAsync(0);
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            using var api = fixture.Server.Api();
            using var response = await api.DeleteAsync(new Uri($"/api/v1/distribution-point-groups/{groupId}", UriKind.Relative));
        }
    }
}
