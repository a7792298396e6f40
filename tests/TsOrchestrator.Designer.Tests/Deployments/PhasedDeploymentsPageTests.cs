using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Deployments;

/// <summary>Issue 13: Phased Deployments: create with phases and success criteria, status per phase, Next, Suspend, Resume, Delete.</summary>
[Collection(DesignerGroup.Name)]
public sealed class PhasedDeploymentsPageTests(DesignerFixture fixture)
{
    private static readonly Regex BegunPhase = new("^(In progress|Criteria met)$");

    [Fact]
    public async Task Phased_deployment_is_created_moved_on_suspended_with_its_reason_resumed_kept_after_reload_and_deleted_after_confirmation()
    {
        var sequenceName = SequenceBuilder.UniqueName("Windows rollout");
        var sequenceId = await fixture.CreateSequenceAsync(SequenceBuilder.With(sequenceName, SequenceBuilder.Command("First", "echo 1")));
        var pilot = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Pilot"));
        var broad = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Broad"));
        var rest = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Rest"));
        var name = SequenceBuilder.UniqueName("Windows waves");
        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Phased Deployments" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phased Deployments", Exact = true })).ToBeVisibleAsync();

        // Refused at the fields in the console's words; nothing is sent.
        await page.GetByLabel("Phase 1 success criteria (%)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("field-error").First).ToHaveTextAsync("Choose the task sequence to roll out.");
        await Expect(page.Locator("tr[data-new-phase='1']").GetByTestId("field-error").Last).ToHaveTextAsync("The success criteria is a percentage from 1 to 100.");

        // The server refuses the same collection in two phases: its words at phase 2's collection, what was typed kept.
        await page.GetByLabel("Task sequence").SelectOptionAsync(sequenceId);
        await page.GetByLabel("Phased deployment name").FillAsync(name);
        await page.GetByLabel("Phase 1 success criteria (%)").FillAsync("80");
        await page.GetByLabel("Phase 1 collection").SelectOptionAsync(pilot);
        await page.GetByLabel("Phase 1 next phase begins").SelectOptionAsync("Manual");
        await page.GetByLabel("Phase 2 collection").SelectOptionAsync(pilot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-new-phase='2']").GetByTestId("field-error")).ToContainTextAsync("each phase has its own collection");
        await Expect(page.GetByLabel("Phased deployment name")).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("Phase 1 success criteria (%)")).ToHaveValueAsync("80");

        // Empty collections meet their criteria as soon as the server evaluates them: phases that wait for an operator
        // keep the rollout from completing under the test. Keyboard only: a third phase, then Enter in a field creates it.
        await page.GetByLabel("Phase 2 collection").SelectOptionAsync(broad);
        await page.GetByLabel("Phase 2 next phase begins").SelectOptionAsync("Manual");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add phase" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByLabel("Phase 3 collection").FocusAsync();
        await page.GetByLabel("Phase 3 collection").SelectOptionAsync(rest);
        await page.GetByLabel("Suspend when failures exceed (%)").FillAsync("20");
        await page.GetByLabel("Suspend when failures exceed (%)").PressAsync("Enter");
        var row = page.Locator("tr[data-phased-deployment]").Filter(new() { HasText = name });
        await Expect(row.GetByTestId("phased-status")).ToHaveTextAsync("Active");
        await Expect(row).ToContainTextAsync("1 of 3");
        var detail = page.GetByRole(AriaRole.Region, new() { Name = $"Phased deployment {name}" });
        var phase1 = page.Locator("tr[data-phase='1']");
        var phase2 = page.Locator("tr[data-phase='2']");
        await Expect(phase1.GetByTestId("phase-state")).ToHaveTextAsync(BegunPhase);
        await Expect(phase1).ToContainTextAsync("80% succeeded");
        await Expect(phase1).ToContainTextAsync("when moved on");
        await Expect(phase2.GetByTestId("phase-state")).ToHaveTextAsync("Waiting");
        await Expect(page.GetByText("Suspends by itself when more than 20% of the current phase's devices failed.")).ToBeVisibleAsync();

        // Next asks first; Cancel leaves phase 1 current.
        await detail.GetByRole(AriaRole.Button, new() { Name = "Next phase" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("1 of 3");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Next phase" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Next phase" }).ClickAsync();
        await Expect(row).ToContainTextAsync("2 of 3");
        await Expect(phase1.GetByTestId("phase-state")).ToHaveTextAsync("Done");
        await Expect(phase2.GetByTestId("phase-state")).ToHaveTextAsync(BegunPhase);
        await Expect(page.Locator("tr[data-phase='3']").GetByTestId("phase-state")).ToHaveTextAsync("Waiting");

        await detail.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(row.GetByTestId("phased-status")).ToHaveTextAsync("Suspended");
        await Expect(page.GetByTestId("halt-reason")).ToContainTextAsync("suspended by");
        await fixture.ScreenshotAsync(page, "phased-deployments");

        // Kept after a reload.
        await page.ReloadAsync();
        await Expect(row.GetByTestId("phased-status")).ToHaveTextAsync("Suspended");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Open {name}" }).ClickAsync();
        await Expect(page.GetByTestId("halt-reason")).ToContainTextAsync("suspended by");
        await Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Suspend" })).ToHaveCountAsync(0);
        await detail.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(row.GetByTestId("phased-status")).ToHaveTextAsync("Active");
        await Expect(page.GetByTestId("halt-reason")).ToHaveCountAsync(0);

        await detail.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phased Deployments", Exact = true })).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Read_only_analyst_sees_phased_deployments_and_their_phases_without_write_controls()
    {
        var sequenceId = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Analyst rollout"), SequenceBuilder.Command("First", "echo 1")));
        var pilot = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Analyst pilot"));
        var broad = await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Analyst broad"));
        var name = SequenceBuilder.UniqueName("Analyst waves");
        var id = (await fixture.PostAsync("/api/v1/phased-deployments", new
        {
            name, sequenceId, phases = new object[] { new { collectionId = pilot, beginNext = "Manual" }, new { collectionId = broad } },
        })).GetProperty("id").GetString()!;
        try
        {
            var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync($"phased-analyst-{Guid.NewGuid():N}", "ReadOnlyAnalyst"));
            await page.GotoAsync("/phased-deployments");
            await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Create a phased deployment" })).ToHaveCountAsync(0);
            await page.Locator($"tr[data-phased-deployment='{id}']").GetByRole(AriaRole.Button, new() { Name = $"Open {name}" }).ClickAsync();
            await Expect(page.Locator("tr[data-phase='1']").GetByTestId("phase-state")).ToHaveTextAsync(BegunPhase);
            await Expect(page.Locator("tr[data-phase='2']").GetByTestId("phase-state")).ToHaveTextAsync("Waiting");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next phase" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Suspend" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}" })).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }
        finally
        {
            using var api = fixture.Server.Api();
            using var response = await api.DeleteAsync(new Uri($"/api/v1/phased-deployments/{id}", UriKind.Relative));
        }
    }
}
