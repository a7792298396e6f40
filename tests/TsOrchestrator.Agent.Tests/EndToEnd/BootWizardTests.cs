using System.Diagnostics;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>The boot-media wizard as a person at the console answers it (here through its standard input).</summary>
public sealed class BootWizardTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Wizard_with_nothing_available_says_so_and_previous_searches_again()
    {
        using var device = new DeviceUnderTest(server);
        using var wizard = device.StartBootWizard();

        await AnswerAsync(device, wizard, "Welcome to the Task Sequence Wizard", "n");
        await AnswerAsync(device, wizard, "There are no task sequences available for this computer.", "p");
        await AgentRunTests.Until(() => Count(device.Output, "There are no task sequences available") == 2, device);
        await wizard.StandardInput.WriteLineAsync("c");

        (await device.WaitAsync(wizard)).ShouldBe(1);
        device.Output.ShouldContain("The wizard was cancelled.");
    }

    [Fact]
    public async Task Missing_content_is_shown_and_previous_resumes_the_run_once_it_is_distributed()
    {
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "source")).FullName;
        File.WriteAllText(Path.Combine(source, "driver.inf"), "driver");
        var package = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Drivers", SourcePath = source, Type = PackageType.DriverPackage });
        await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "BOOT0001", "name": "Bare metal", "nodes": [
              {"kind": "step", "name": "Drivers", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{package.Id}}}", "DestinationVariable": "Drivers"}},
              {"kind": "step", "name": "Use them", "type": "RunShellScript", "settings": {"Script": "cp \"$Drivers01/driver.inf\" {{{device.Files}}}/applied.inf"}}
            ]}
            """, purpose: "Available");
        using var wizard = device.StartBootWizard();

        await AnswerAsync(device, wizard, "Welcome to the Task Sequence Wizard", "n");
        await AnswerAsync(device, wizard, "Bare metal", "1");
        await AnswerAsync(device, wizard, "'Bare metal' will run on this computer.", "n");
        await AgentRunTests.Until(() => device.Output.Contains("Content is not available", StringComparison.Ordinal), device);
        device.Output.ShouldContain(package.Id);
        await wizard.StandardInput.WriteLineAsync("p");
        await AgentRunTests.Until(() => device.Output.Contains("Still not available", StringComparison.Ordinal), device);
        await admin.DistributePackageAsync(package.Id, new DistributeContentRequest { DistributionPointIds = ["DP-SITE"] });
        await AgentRunTests.Until(() => admin.GetPackageContentStatusAsync(package.Id).Result.All(s => s.Status == DistributionStatus.Success), device);
        await wizard.StandardInput.WriteLineAsync("p");

        (await device.WaitAsync(wizard)).ShouldBe(0, device.Output);
        device.Output.ShouldContain("resuming at the failed step");
        device.Output.ShouldContain("'Bare metal' completed successfully.");
        File.ReadAllText(Path.Combine(device.Files, "applied.inf")).ShouldBe("driver");
    }

    private static async Task AnswerAsync(DeviceUnderTest device, Process wizard, string page, string answer)
    {
        // Prompts end without a newline, so the page's text is what shows it is up; the answer waits in the input until read.
        await AgentRunTests.Until(() => device.Output.Contains(page, StringComparison.Ordinal), device);
        await wizard.StandardInput.WriteLineAsync(answer);
        await wizard.StandardInput.FlushAsync();
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
