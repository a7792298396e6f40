using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>Packages from the content library reaching the device through distribution points, with the real processes.</summary>
public sealed class AgentContentTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Run_fails_at_the_download_naming_the_package_until_it_is_distributed_and_resume_then_completes_it()
    {
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var package = await CreatePackageAsync(admin, device, "Tool");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0001", "name": "Install a tool", "nodes": [
              {"kind": "step", "name": "Download", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{package.Id}}}", "DestinationVariable": "ToolPath"}},
              {"kind": "step", "name": "Check", "type": "RunShellScript", "settings": {"Script": "test -f \"$ToolPath01/install.sh\""}},
              {"kind": "step", "name": "Install", "type": "InstallPackage", "settings": {"PackageID": "{{{package.Id}}}", "ProgramName": "Install"}}
            ]}
            """);

        await device.RunUntilIdleAsync();
        var failed = await Site.OnlyRunAsync(server, deploymentId);
        failed.Summary.Status.ShouldBe("Failed");
        failed.History.ShouldHaveSingleItem().Reason.ShouldBe(
            $"package {package.Id} 'Tool' version 1 is not on any distribution point yet: distribute it, then resume the run");

        await SiteAdmin.DistributeToSiteAsync(admin, package.Id);
        await admin.ResumeRunAsync(failed.Summary.Id, new ResumeRunRequest());
        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(device.Files, "installed.txt")).Trim().ShouldBe("installed from the package");
    }

    [Fact]
    public async Task File_with_the_wrong_hash_on_one_distribution_point_is_refused_and_the_next_one_used()
    {
        const string accessKey = DistributionPointProcess.AccessKey;
        await using var remote = new DistributionPointProcess(server.Url);
        await remote.StartAsync();
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var package = await CreatePackageAsync(admin, device, "Tool with a bad copy");
        var dp = await admin.CreateDistributionPointAsync(new CreateDistributionPointRequest { Name = "Branch DP", Url = remote.Url, AccessKey = accessKey });
        await SiteAdmin.DistributeAsync(admin, package.Id, dp.Id);
        await SiteAdmin.DistributeToSiteAsync(admin, package.Id);
        foreach (var file in Directory.GetFiles(Path.Combine(remote.DataDirectory, "content"), "*", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, "tampered on the branch DP");
        }

        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0002", "name": "Install from two DPs", "nodes": [
              {"kind": "step", "name": "Install", "type": "InstallPackage", "settings": {"PackageID": "{{{package.Id}}}", "ProgramName": "Install"}}
            ]}
            """);
        await device.RunUntilIdleAsync();

        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        File.Exists(Path.Combine(device.Files, "installed.txt")).ShouldBeTrue();
        device.Output.ShouldContain($"content {package.Id} from {dp.Id}");
        device.Output.ShouldMatch("(hash|size) mismatch"); // a copy of another length is refused by its size, before its hash
    }

    [Fact]
    public async Task Install_package_with_a_dynamic_list_installs_each_entry_up_to_the_first_number_not_set()
    {
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var first = await CreatePackageAsync(admin, device, "List one", "first.txt");
        var second = await CreatePackageAsync(admin, device, "List two", "second.txt");
        var skipped = await CreatePackageAsync(admin, device, "After the gap", "skipped.txt");
        var siteServer = (await admin.ListDistributionPointsAsync()).Single(d => d.IsSiteServer).Id;
        foreach (var id in new[] { first.Id, second.Id, skipped.Id })
        {
            await SiteAdmin.DistributeAsync(admin, id, siteServer);
        }

        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0003", "name": "Install a list", "nodes": [
              {"kind": "step", "name": "One", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "APPS001", "VariableValue": "{{{first.Id}}}:Install"}},
              {"kind": "step", "name": "Two", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "Apps002", "VariableValue": "{{{second.Id}}}:Install"}},
              {"kind": "step", "name": "Four", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "APPS004", "VariableValue": "{{{skipped.Id}}}:Install"}},
              {"kind": "step", "name": "Install the list", "type": "InstallPackage", "settings": {"BaseVariableName": "APPS"}}
            ]}
            """);
        await device.RunUntilIdleAsync();

        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(device.Files, "first.txt")).Trim().ShouldBe("installed from the package");
        File.ReadAllText(Path.Combine(device.Files, "second.txt")).Trim().ShouldBe("installed from the package");
        File.Exists(Path.Combine(device.Files, "skipped.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_failing_entry_of_a_dynamic_list_fails_the_step_unless_the_list_continues_on_install_error()
    {
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var tool = await CreatePackageAsync(admin, device, "List tool", "tool.txt");
        await SiteAdmin.DistributeToSiteAsync(admin, tool.Id);
        string Sequence(string id, bool continueOnError) => $$$"""
            {"formatVersion": 1, "id": "{{{id}}}", "name": "List with a bad entry {{{id}}}", "nodes": [
              {"kind": "step", "name": "Bad", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "LIST001", "VariableValue": "{{{tool.Id}}}:No such program"}},
              {"kind": "step", "name": "Good", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "LIST002", "VariableValue": "{{{tool.Id}}}:Install"}},
              {"kind": "step", "name": "Install the list", "type": "InstallPackage", "settings": {"BaseVariableName": "LIST", "ContinueOnInstallError": "{{{(continueOnError ? "true" : "false")}}}"}}
            ]}
            """;

        var stopping = await Site.DeployAsync(server, device, Sequence("CONT0004", continueOnError: false));
        await device.RunUntilIdleAsync();
        var failed = await Site.OnlyRunAsync(server, stopping);
        failed.Summary.Status.ShouldBe("Failed");
        failed.History[^1].Reason.ShouldNotBeNull().ShouldContain("has no program 'No such program'");
        File.Exists(Path.Combine(device.Files, "tool.txt")).ShouldBeFalse();

        var continuing = await Site.DeployAsync(server, device, Sequence("CONT0005", continueOnError: true));
        await device.RunUntilIdleAsync();
        var run = await Site.OnlyRunAsync(server, continuing);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.Exists(Path.Combine(device.Files, "tool.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task Operating_system_image_applied_by_package_id_after_download_package_content()
    {
        // Regression: the engine dropped every _-prefixed variable a step returned, so _TSPackagePath<ID> never
        // reached Apply Operating System Image and applying a downloaded image package by its id always failed.
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var system = Directory.CreateDirectory(Path.Combine(device.Files, "system", "etc")).Parent!.FullName;
        File.WriteAllText(Path.Combine(system, "etc", "hostname"), "from-the-package\n");
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "image-package")).FullName;
        System.Formats.Tar.TarFile.CreateFromDirectory(system, Path.Combine(source, "system.tar"), includeBaseDirectory: false);
        var image = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Lab system image", SourcePath = source, Type = PackageType.OsImage });
        await SiteAdmin.DistributeToSiteAsync(admin, image.Id);
        var root = Directory.CreateDirectory(Path.Combine(device.Files, "target")).FullName;
        device.TargetRoot = root;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0006", "name": "Apply a downloaded image", "nodes": [
              {"kind": "step", "name": "Download the image", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{image.Id}}}"}},
              {"kind": "step", "name": "Apply the image", "type": "ApplyOperatingSystemImage", "settings": {"ImagePackageID": "{{{image.Id}}}"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Select(h => h.Name).ShouldBe(["Download the image", "Apply the image"]);
        File.ReadAllText(Path.Combine(root, "etc", "hostname")).ShouldBe("from-the-package\n");
    }

    [Fact]
    public async Task Program_started_as_dot_slash_script_runs_because_the_package_keeps_its_execute_bit()
    {
        // Regression: the content library dropped Unix file modes, so `./install.sh` failed with 126 Permission denied.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "source-executable")).FullName;
        var script = Path.Combine(source, "install.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho installed by the executable script > {device.Files}/executable.txt\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.WriteAllText(Path.Combine(source, "readme.txt"), "not executable\n");
        File.SetUnixFileMode(Path.Combine(source, "readme.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var package = await admin.CreatePackageAsync(new CreatePackageRequest
        {
            Name = "Executable tool", SourcePath = source, Programs = [new PackageProgram { Name = "Install", CommandLine = "./install.sh" }],
        });
        await SiteAdmin.DistributeToSiteAsync(admin, package.Id);
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0007", "name": "Install with an executable script", "nodes": [
              {"kind": "step", "name": "Download", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{package.Id}}}", "DestinationVariable": "ToolPath"}},
              {"kind": "step", "name": "Modes", "type": "RunShellScript", "settings": {"Script": "stat -c '%a %n' \"$ToolPath01/install.sh\" \"$ToolPath01/readme.txt\" > {{{device.Files}}}/modes.txt"}},
              {"kind": "step", "name": "Install", "type": "InstallPackage", "settings": {"PackageID": "{{{package.Id}}}", "ProgramName": "Install"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(device.Files, "executable.txt")).Trim().ShouldBe("installed by the executable script");
        var modes = File.ReadAllLines(Path.Combine(device.Files, "modes.txt")).Select(l => l.Split(' ')[0]).ToList();
        modes.ShouldBe(["755", "640"]);
    }

    private static async Task<PackageInfo> CreatePackageAsync(IAdminApi admin, DeviceUnderTest device, string name, string marker = "installed.txt")
    {
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "source-" + name.Replace(' ', '-'))).FullName;
        File.WriteAllText(Path.Combine(source, "install.sh"), $"echo installed from the package > {device.Files}/{marker}\n");
        return await admin.CreatePackageAsync(new CreatePackageRequest
        {
            Name = name, SourcePath = source, Programs = [new PackageProgram { Name = "Install", CommandLine = "sh install.sh" }],
        });
    }
}
