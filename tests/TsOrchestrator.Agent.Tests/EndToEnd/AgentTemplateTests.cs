using System.Runtime.Versioning;
using System.Text.Json;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Agent.Tests.TargetSystem;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// The Linux templates as the Create wizard gives them, filled in the way an administrator would (packages chosen,
/// the machine's settings), run by the real agent on loop disks. The test plays the firmware: after a restart it
/// starts the agent in the other environment (boot image, installed system), as the machine's boot order would.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AgentTemplateTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Linux_build_capture_template_captures_a_generalized_reference_that_the_install_os_template_deploys_to_another_disk()
    {
        var admin = Site.Admin(server);
        using var reference = LoopDisk.Create(256, "label: dos\n");
        using var target = LoopDisk.Create(256, "label: dos\n");
        using var builder = new DeviceUnderTest(server) { AsExecutable = true, Disks = [reference.Device], MountRoot = reference.MountRoot, BootMedia = true };
        using var deployed = new DeviceUnderTest(server) { AsExecutable = true, Disks = [target.Device], MountRoot = target.MountRoot, BootMedia = true };

        // The image the reference machine is built from: a small Debian-like tree with what makes it one machine.
        var tree = Path.Combine(builder.Files, "image-tree");
        AppliedSystem.Create(tree);
        // Debian's usrmerge link is relative; the absolute one AppliedSystem makes for the handler tests is not applied from an archive.
        File.Delete(Path.Combine(tree, "lib"));
        File.CreateSymbolicLink(Path.Combine(tree, "lib"), "usr/lib");
        WriteTree(tree, "usr/lib/systemd/systemd-networkd", "networkd");
        WriteTree(tree, "usr/lib/systemd/system/systemd-networkd.service", "[Unit]");
        WriteTree(tree, "etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        WriteTree(tree, "etc/ssh/ssh_host_ed25519_key", "private");
        WriteTree(tree, "etc/ssh/sshd_config", "PermitRootLogin no\n");
        WriteTree(tree, "var/log/syslog", "the image builder's log\n");
        WriteTree(tree, "usr/share/reference/readme.txt", "from the base image\n");
        var baseImage = Directory.CreateDirectory(Path.Combine(builder.Files, "base-image")).FullName;
        LoopDisk.Run("tar", ["--zstd", "-cf", Path.Combine(baseImage, "base.tar.zst"), "-C", tree, "."]);

        // The software the reference gets: the installed system here is the applied disk (the host stands in for it).
        var software = Directory.CreateDirectory(Path.Combine(builder.Files, "software")).FullName;
        File.WriteAllText(Path.Combine(software, "install.sh"), "mkdir -p \"$OSDTargetSystemDrive/opt/reference-app\"\necho installed on the reference > \"$OSDTargetSystemDrive/opt/reference-app/installed.txt\"\n");
        var basePackage = await CreatePackageAsync(admin, "Base image", baseImage, [], PackageType.OsImage);
        var softwarePackage = await CreatePackageAsync(admin, "Reference software", software, [new PackageProgram { Name = "Install", CommandLine = "sh install.sh" }]);
        var captured = Path.Combine(builder.Files, "captures", "reference.tar.zst");

        var build = await FromTemplateAsync(admin, "build-capture", new() { ["PKG00001"] = basePackage.Id, ["PKG00002"] = softwarePackage.Id }, new()
        {
            ["Apply Windows Settings"] = new() { ["ComputerName"] = "reference-01", ["TimeZone"] = "Europe/Berlin" },
            ["Setup Operating System"] = new() { ["BootFirmware"] = "BIOS" },
            ["Capture the Reference Machine"] = new() { ["CaptureDestination"] = captured },
        });
        var buildDeployment = await Site.DeployAsync(server, builder, NativeFormat.Serialize(build));
        await RunAcrossRestartsAsync(builder);

        var built = await Site.OnlyRunAsync(server, buildDeployment);
        built.Summary.Status.ShouldBe("Succeeded", $"{built.FailedPath}: {built.FailureReason}\n{builder.Output}");
        Executed(built).ShouldBe([
            "Partition Disk 0 - BIOS", "Download Image and Drivers", "Apply Operating System", "Apply Windows Settings", "Apply Network Settings",
            "Apply Device Drivers", "Setup Operating System", "Install Software", "Restart in the Boot Image for Capture",
            "Prepare ConfigMgr Client for Capture", "Prepare Windows for Capture", "Capture the Reference Machine",
        ]);
        File.Exists(captured).ShouldBeTrue();

        // The captured image, deployed by the install-os template to the other disk.
        var imageFolder = Directory.CreateDirectory(Path.Combine(deployed.Files, "captured-image")).FullName;
        File.Copy(captured, Path.Combine(imageFolder, "reference.tar.zst"));
        var capturedPackage = await CreatePackageAsync(admin, "Captured reference", imageFolder, [], PackageType.OsImage);
        var install = await FromTemplateAsync(admin, "install-os", new() { ["PKG00001"] = capturedPackage.Id, ["PKG00002"] = softwarePackage.Id }, new()
        {
            ["Apply Windows Settings"] = new() { ["ComputerName"] = "deployed-01" },
            ["Setup Operating System"] = new() { ["BootFirmware"] = "BIOS" },
        });
        var installDeployment = await Site.DeployAsync(server, deployed, NativeFormat.Serialize(install));
        await RunAcrossRestartsAsync(deployed);

        var run = await Site.OnlyRunAsync(server, installDeployment);
        run.Summary.Status.ShouldBe("Succeeded", $"{run.FailedPath}: {run.FailureReason}\n{deployed.Output}");
        Executed(run).ShouldBe([
            "Check Readiness", "Partition Disk 0 - BIOS", "Download Image and Drivers", "Apply Operating System", "Apply Windows Settings",
            "Apply Network Settings", "Apply Device Drivers", "Setup Operating System", "Install Software",
        ]);
        run.History.Where(h => h.StepType is not null).GroupBy(h => h.Path).ShouldAllBe(g => g.Count() == 1);

        var root = target.Mount(1, "check");
        Read(root, "usr/share/reference/readme.txt").ShouldBe("from the base image\n");
        Read(root, "opt/reference-app/installed.txt").ShouldBe("installed on the reference\n");
        Read(root, "etc/timezone").ShouldBe("Europe/Berlin\n");
        Read(root, "etc/hostname").ShouldBe("deployed-01\n");
        // Generalized before the capture: no machine id, host keys or logs of the reference, and the agent in the
        // deployed system is the deployed device's, never the reference machine's.
        Read(root, "etc/machine-id").ShouldBeEmpty();
        File.Exists(Path.Combine(root, "etc/ssh/ssh_host_ed25519_key")).ShouldBeFalse();
        Read(root, "etc/ssh/sshd_config").ShouldBe("PermitRootLogin no\n");
        Read(root, "var/log/syslog").ShouldBeEmpty();
        var identity = JsonDocument.Parse(Read(root, "var/lib/tsorch-agent/device.json")).RootElement.GetProperty("deviceId").GetString();
        identity.ShouldBe(deployed.DeviceId);
        identity.ShouldNotBe(builder.DeviceId);
    }

    [Fact]
    public async Task Linux_upgrade_os_template_runs_the_upgrade_packages_program_restarts_and_post_processes()
    {
        var admin = Site.Admin(server);
        using var device = new DeviceUnderTest(server);
        var upgrade = Directory.CreateDirectory(Path.Combine(device.Files, "upgrade")).FullName;
        File.WriteAllText(Path.Combine(upgrade, "upgrade.sh"), $"echo upgraded from $(cat {device.Files}/release) > {device.Files}/upgraded.txt\necho 13 > {device.Files}/release\n");
        File.WriteAllText(Path.Combine(device.Files, "release"), "12\n");
        var software = Directory.CreateDirectory(Path.Combine(device.Files, "software")).FullName;
        File.WriteAllText(Path.Combine(software, "install.sh"), $"echo installed on release $(cat {device.Files}/release) > {device.Files}/installed.txt\n");
        var upgradePackage = await CreatePackageAsync(admin, "Upgrade to 13", upgrade, [new PackageProgram { Name = "Upgrade", CommandLine = "sh upgrade.sh" }]);
        var softwarePackage = await CreatePackageAsync(admin, "Software", software, [new PackageProgram { Name = "Install", CommandLine = "sh install.sh" }]);
        var sequence = await FromTemplateAsync(admin, "upgrade-os", new() { ["PKG00004"] = upgradePackage.Id, ["PKG00002"] = softwarePackage.Id }, new()
        {
            ["Check Readiness"] = new() { ["FreeDiskSpace"] = "100", ["Memory"] = "128" },
        });

        var deploymentId = await Site.DeployAsync(server, device, NativeFormat.Serialize(sequence));
        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", $"{run.FailedPath}: {run.FailureReason}\n{device.Output}");
        Executed(run).ShouldBe(["Check Readiness", "Download Upgrade Package", "Upgrade Operating System", "Restart Computer", "Install Software"]);
        device.Restarts.ShouldBe(1);
        File.ReadAllText(Path.Combine(device.Files, "upgraded.txt")).ShouldBe("upgraded from 12\n");
        File.ReadAllText(Path.Combine(device.Files, "installed.txt")).ShouldBe("installed on release 13\n");
    }

    /// <summary>
    /// The Linux template from the server's Create wizard, its placeholder packages replaced and the named steps'
    /// settings set: what an administrator does in the editor before deploying it.
    /// </summary>
    private static async Task<TaskSequence> FromTemplateAsync(IAdminApi admin, string template, Dictionary<string, string> packages, Dictionary<string, Dictionary<string, string>> settings)
    {
        var created = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Name = $"{template} {Guid.NewGuid():N}"[..30], Template = template, Platform = "linux" });
        return created.Sequence with { Nodes = [.. created.Sequence.Nodes.Select(n => Fill(n, packages, settings))] };
    }

    private static TaskSequenceNode Fill(TaskSequenceNode node, Dictionary<string, string> packages, Dictionary<string, Dictionary<string, string>> settings)
    {
        if (node is GroupNode group)
        {
            return group with { Children = [.. group.Children.Select(c => Fill(c, packages, settings))] };
        }

        var step = (StepNode)node;
        var filled = new Dictionary<string, string>(step.Settings);
        foreach (var (name, value) in step.Settings)
        {
            // A placeholder with no package to stand for (the driver package) is left out of the list.
            var references = value.Split(',', StringSplitOptions.TrimEntries)
                .Select(r => packages.TryGetValue(r, out var id) ? id : r)
                .Where(r => !r.StartsWith("PKG0000", StringComparison.Ordinal)).ToList();
            if (value.Contains("PKG0000", StringComparison.Ordinal))
            {
                filled[name] = string.Join(',', references);
            }
        }

        foreach (var (name, value) in settings.GetValueOrDefault(step.Name) ?? [])
        {
            filled[name] = value;
        }

        return step with { Settings = filled };
    }

    /// <summary>Runs the agent to the end of its work, starting it after each restart in the other environment.</summary>
    private static async Task RunAcrossRestartsAsync(DeviceUnderTest device, int maxStarts = 10)
    {
        for (var start = 0; start < maxStarts; start++)
        {
            using var process = device.Start();
            var exitCode = await device.WaitAsync(process, seconds: 300);
            if (exitCode == 0)
            {
                return;
            }

            exitCode.ShouldBe(194, $"the agent failed; its output:\n{device.Output}");
            // Setup Operating System restarts into the installed system, the restart before the capture into the boot image.
            device.BootMedia = !device.BootMedia;
        }

        throw new ShouldAssertException($"the agent was still restarting after {maxStarts} starts; its output:\n{device.Output}");
    }

    private static List<string> Executed(Contracts.Runs.RunDetails run) =>
        [.. run.History.Where(h => h.StepType is not null && h.Outcome != "Skipped").Select(h => h.Name)];

    // An image is an OS image package: a save names content of the kind its setting needs (issue 13).
    private static async Task<PackageInfo> CreatePackageAsync(IAdminApi admin, string name, string source, IReadOnlyList<PackageProgram> programs,
        PackageType type = PackageType.Package)
    {
        var package = await admin.CreatePackageAsync(new CreatePackageRequest { Name = name, Type = type, SourcePath = source, Programs = [.. programs] });
        await admin.DistributePackageAsync(package.Id, new DistributeContentRequest { DistributionPointIds = [(await admin.ListDistributionPointsAsync()).Single(d => d.IsSiteServer).Id] });
        for (var i = 0; i < 600; i++)
        {
            var status = (await admin.GetPackageContentStatusAsync(package.Id)).SingleOrDefault();
            if (status?.Status == DistributionStatus.Success)
            {
                return package;
            }

            status?.Status.ShouldNotBe(DistributionStatus.Failed, status.Message);
            await Task.Delay(100);
        }

        throw new ShouldAssertException($"package {package.Id} was not distributed");
    }

    private static void WriteTree(string root, string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
        File.WriteAllText(Path.Combine(root, path), text);
    }

    private static string Read(string root, string path) => File.ReadAllText(Path.Combine(root, path));
}
