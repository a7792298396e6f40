using System.Diagnostics;
using Microsoft.Playwright;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Runs;

[Collection(DesignerGroup.Name)]
public sealed class RunMonitorTests(DesignerFixture fixture)
{
    [Fact]
    public async Task Run_monitor_follows_a_run_live_and_resumes_the_failed_run_from_an_earlier_step_with_a_variable_edit()
    {
        var name = SequenceBuilder.UniqueName("Monitored");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name,
            SequenceBuilder.Command("Prepare", "prepare"),
            new GroupNode { Name = "Install", Children = [SequenceBuilder.Command("Install app", "install %Edition%")] },
            SequenceBuilder.Command("Finish", "finish")));
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, $"monitor-{Guid.NewGuid().ToString("N")[..6]}");
        var deploymentId = await fixture.DeployAsync(id, await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Monitor lab"), device.Id));
        var (runId, prepare) = await device.StartAsync(deploymentId);

        var page = await fixture.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Open run {runId}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Run {runId}" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("run-current-step")).ToHaveTextAsync("Prepare (0)");
        await Expect(Status(page, "Prepare")).ToHaveTextAsync("Running");

        // Nothing below reloads the page: a marker set in the page now must still be there at the end.
        await page.EvaluateAsync("() => window.tsNoReload = true");

        await device.LogAsync(runId, prepare, 0, "preparing the disk\n");
        await Expect(page.GetByTestId("run-log")).ToContainTextAsync("preparing the disk");
        // Printed, not asserted: how soon a result the device posts shows on the open page.
        var shown = Stopwatch.StartNew();
        var install = await device.FinishAsync(runId, prepare, 0);
        await Expect(Status(page, "Prepare")).ToHaveTextAsync("Succeeded");
        shown.Stop();
        await File.AppendAllTextAsync(Path.Combine(fixture.ScreenshotDirectory, "measurements.txt"),
            $"run monitor: a step result posted by the device shows in the open page after {shown.ElapsedMilliseconds} ms (post included){Environment.NewLine}");
        await Expect(Status(page, "Install app")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("run-current-step")).ToHaveTextAsync("Install app (1/0)");
        await fixture.ScreenshotAsync(page, "run-monitor-live");

        install!.Settings["CommandLine"].ShouldBe("install %Edition%");
        await device.LogAsync(runId, install, 0, "error 1603: no edition given\n");
        (await device.FinishAsync(runId, install, 1603, "install failed")).ShouldBeNull();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Failed");
        await Expect(Status(page, "Install app")).ToHaveTextAsync("Failed");
        await Expect(Row(page, "Install app").Locator("[data-col='exit']")).ToHaveTextAsync("1603");
        await Expect(page.GetByTestId("run-log")).ToContainTextAsync("error 1603");
        await fixture.ScreenshotAsync(page, "run-monitor-failed");

        // Resume from the first step (earlier than the failed one) with Edition set.
        await page.GetByLabel("Resume from").SelectOptionAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add variable" }).ClickAsync();
        await page.GetByLabel("Variable 1 name").FillAsync("Edition");
        await page.GetByLabel("Variable 1 value").FillAsync("Pro");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Running");
        await Expect(page.GetByTestId("run-current-step")).ToHaveTextAsync("Prepare (0)");

        var again = (await device.Agent.GetRunAsync(runId)).WorkItem!;
        again.Name.ShouldBe("Prepare");
        var retried = await device.FinishAsync(runId, again, 0);
        retried!.Settings["CommandLine"].ShouldBe("install Pro");
        await Expect(Status(page, "Install app")).ToHaveTextAsync("Running");
        var finish = await device.FinishAsync(runId, retried, 0);
        finish!.Name.ShouldBe("Finish");
        (await device.FinishAsync(runId, finish, 0)).ShouldBeNull();

        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Succeeded");
        await Expect(Status(page, "Install app")).ToHaveTextAsync("Succeeded");
        await Expect(Status(page, "Finish")).ToHaveTextAsync("Succeeded");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true })).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>("() => window.tsNoReload === true")).ShouldBeTrue();
        await fixture.ScreenshotAsync(page, "run-monitor-resumed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_read_only_analyst_watches_a_failed_run_but_is_offered_no_resume_cancel_or_delete()
    {
        var name = SequenceBuilder.UniqueName("Analysed");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name, SequenceBuilder.Command("Only", "fail")));
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, $"analyst-{Guid.NewGuid().ToString("N")[..6]}");
        var deploymentId = await fixture.DeployAsync(id, await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Analyst lab"), device.Id));
        var (runId, only) = await device.StartAsync(deploymentId);
        (await device.FinishAsync(runId, only, 2)).ShouldBeNull();

        var page = await fixture.SignedInPageAsync(await fixture.Server.CreateKeyAsync("analyst-" + Guid.NewGuid().ToString("N")[..6], "ReadOnlyAnalyst"));
        await page.GotoAsync($"/runs/{runId}");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Failed");
        await Expect(Row(page, "Only").Locator("[data-col='exit']")).ToHaveTextAsync("2");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/deployments?sequence={id}");
        await Expect(page.Locator($"tr[data-deployment='{deploymentId}'] [data-count='failed']")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Delete {deploymentId}" })).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Distribute Content" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Inspection_scrubs_through_a_finished_runs_steps_with_variables_before_and_after_the_deciding_condition_and_the_log()
    {
        var name = SequenceBuilder.UniqueName("Inspected");
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(name,
            new StepNode
            {
                Name = "Choose edition", Type = "SetTaskSequenceVariable",
                Settings = new Dictionary<string, string> { ["VariableName"] = "Edition", ["VariableValue"] = "Pro" },
            },
            new StepNode
            {
                Name = "Install", Type = "RunCommandLine", Settings = new Dictionary<string, string> { ["CommandLine"] = "install %Edition%" },
                Condition = IfStatement.AnyOf(
                    new VariableCondition { Variable = "Edition", Operator = ConditionOperator.Equals, Value = "Home" },
                    new VariableCondition { Variable = "Edition", Operator = ConditionOperator.Equals, Value = "Pro" }),
            },
            SequenceBuilder.Command("Finish", "finish")));
        using var device = await SimulatedDevice.RegisterAsync(fixture.Server, $"inspect-{Guid.NewGuid().ToString("N")[..6]}");
        var deploymentId = await fixture.DeployAsync(id, await fixture.CreateCollectionAsync(SequenceBuilder.UniqueName("Inspect lab"), device.Id));
        var (runId, install) = await device.StartAsync(deploymentId);
        install.Name.ShouldBe("Install");
        await device.LogAsync(runId, install, 0, "installing the Pro edition\n");
        var finish = (await device.Agent.PostResultAsync(runId, install.Id, new WorkItemResult
        {
            ExitCode = 0, Variables = new Dictionary<string, string> { ["Edition"] = "Enterprise" },
        })).WorkItem!;
        (await device.FinishAsync(runId, finish, 0)).ShouldBeNull();

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/runs/{runId}");
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Succeeded");
        var panel = page.GetByTestId("inspection-panel");

        await Row(page, "Install").ClickAsync();
        await Expect(panel.GetByTestId("inspection-name")).ToHaveTextAsync("Install (1)");
        await Expect(panel.GetByTestId("inspection-condition")).ToHaveTextAsync("If any: 2nd condition (variable Edition equals Pro) true");
        await Expect(panel.GetByTestId("inspection-exit")).ToHaveTextAsync("0");
        var edition = panel.Locator("tr[data-variable='Edition']");
        await Expect(edition).ToHaveAttributeAsync("data-change", "Changed");
        await Expect(edition.Locator("[data-col='before']")).ToHaveTextAsync("Pro");
        await Expect(edition.Locator("[data-col='after']")).ToHaveTextAsync("Enterprise");
        await Expect(panel.GetByTestId("inspection-log")).ToContainTextAsync("installing the Pro edition");
        await fixture.ScreenshotAsync(page, "run-inspection");

        // The arrow keys scrub in run order: back to the step that set the variable.
        await panel.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(panel.GetByTestId("inspection-name")).ToHaveTextAsync("Choose edition (0)");
        await Expect(edition).ToHaveAttributeAsync("data-change", "Added");
        await Expect(edition.Locator("[data-col='after']")).ToHaveTextAsync("Pro");
        await Expect(panel.GetByTestId("inspection-condition")).ToHaveTextAsync("no condition");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        await Expect(panel.GetByTestId("inspection-name")).ToHaveTextAsync("Finish (2)");
        await Expect(panel.GetByTestId("inspection-position")).ToHaveTextAsync("3 of 3");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Next step" })).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }

    private static ILocator Row(IPage page, string step) => page.Locator($"tr[data-step='{step}']");

    private static ILocator Status(IPage page, string step) => Row(page, step).Locator("[data-col='status']");
}
