using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.BareMetal.Tests.Support;
using TsOrchestrator.Testing.VirtualMachines;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.BareMetal.Tests;

/// <summary>
/// A blank QEMU machine boots from the network into the site's boot image, registers as an unknown computer, runs the
/// Required deployment made available to media and PXE, restarts into the network boot again and finishes the same run.
/// Needs qemu-system-x86_64, ipxe-qemu and socat and a built boot image (TSORCH_BOOT_IMAGE): tools/baremetal.sh,
/// which tools/test.sh calls, installs and builds them.
/// </summary>
public sealed class BareMetalDeploymentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(15);

    private readonly string _folder = Directory.CreateTempSubdirectory("tsorch-baremetal-").FullName;
    private ServerProcess? _server;
    private VirtualMachine? _machine;

    private static string? BootImage => Environment.GetEnvironmentVariable("TSORCH_BOOT_IMAGE") is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_machine is not null)
        {
            await _machine.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Blank_machine_boots_from_the_network_registers_as_unknown_and_finishes_its_run_across_a_restart()
    {
        Skip.If(BootImage is null, "TSORCH_BOOT_IMAGE is not set: run tools/test.sh, which installs QEMU and builds the boot image (tools/baremetal.sh)");
        var clock = Stopwatch.StartNew();
        _server = new ServerProcess
        {
            ExtraArguments = ["--Agents:UnknownComputerSupport=true", $"--Content:SourceRoots:1={BootImage}"],
        };
        await _server.InitializeAsync();
        var admin = SiteAdmin.For(_server);
        var bootImage = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Boot image (x64)", Type = PackageType.BootImage, SourcePath = BootImage });
        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = BareMetalSequence.Create(bootImage.Id) });
        var deployment = await SiteAdmin.DeployToUnknownComputersAsync(admin, sequence.Summary.Id, "MediaAndPxeOnly");

        // A blank 2 GiB disk.
        var disk = DiskImage.CreateBlank(Path.Combine(_folder, "disk.raw"), 2L << 30);

        var accelerator = await QemuAccelerator.ChooseAsync(Path.Combine(BootImage!, "vmlinuz"), CancellationToken.None);
        var setUp = clock.Elapsed;
        _machine = VirtualMachine.Start(_folder, disk, new Uri(_server.Url).Port, accelerator);
        var poweredOn = clock.Elapsed;
        try
        {
            var device = await UntilAsync(async () => (await admin.ListDevicesAsync()).SingleOrDefault(), "the machine to register");
            var registered = clock.Elapsed;
            device.UnknownComputer.ShouldBeTrue();
            device.InBootMedia.ShouldBeTrue();
            device.Name.ShouldStartWith("MININT-");

            var run = await UntilAsync(async () => (await admin.ListRunsAsync(deploymentId: deployment.Id)).SingleOrDefault(r => r.Status is "Succeeded" or "Failed" or "Cancelled" or "TimedOut"),
                "the run to end");
            var ended = clock.Elapsed;
            var details = await admin.GetRunAsync(run.Id);
            details.Summary.Status.ShouldBe("Succeeded", $"{details.FailedPath}: {details.FailureReason}");
            await _machine.PowerOffAsync();

            // Every step ran once, in order, and succeeded; the last one after the restart, on the same run.
            var steps = details.History.Where(h => h.StepType is not null).ToList();
            steps.Select(s => s.Name).ShouldBe(BareMetalSequence.StepNames);
            steps.ShouldAllBe(s => s.Outcome == "Succeeded");
            steps.GroupBy(s => s.Path).ShouldAllBe(g => g.Count() == 1);

            var table = await DiskImage.PartitionTableAsync(disk);
            table.GetProperty("label").GetString().ShouldBe("gpt");
            var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
            partitions.Count.ShouldBe(2);
            partitions[0].GetProperty("name").GetString().ShouldBe("EFI");
            partitions[1].GetProperty("name").GetString().ShouldBe("system");
            var marker = await DiskImage.ReadFileAsync(disk, 2, BareMetalSequence.MarkerFile);
            marker.ShouldBe($"before restart on {device.Name}\nafter restart\n");

            var restart = steps[3];
            var after = steps[4];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"accelerator {accelerator}; set-up {setUp.TotalSeconds:F1} s; power-on to registration {(registered - poweredOn).TotalSeconds:F1} s; " +
                $"power-on to Succeeded {(ended - poweredOn).TotalSeconds:F1} s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steps before the restart {(restart.StartedAt - steps[0].StartedAt)?.TotalSeconds:F1} s; restart (reboot, network boot, journal found) " +
                $"{(after.StartedAt - restart.StartedAt)?.TotalSeconds:F1} s"));
            foreach (var step in steps)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step.Path} {step.Name}: {step.Outcome} in {(step.EndedAt - step.StartedAt)?.TotalSeconds:F1} s"));
            }
        }
        catch
        {
            output.WriteLine($"--- serial console of the machine ({_machine.ConsolePath}) ---\n{_machine.Console}");
            output.WriteLine($"--- server log ---\n{_server.Log}");
            throw;
        }
    }

    [SkippableFact]
    public async Task Blank_machine_is_deployed_from_bare_metal_and_the_run_continues_in_the_installed_system()
    {
        Skip.If(BootImage is null, "TSORCH_BOOT_IMAGE is not set: run tools/test.sh, which installs QEMU and builds the boot image (tools/baremetal.sh)");
        var clock = Stopwatch.StartNew();
        var imageSource = Path.Combine(_folder, "image-package");
        var kernel = await InstalledSystemImage.BuildAsync(BootImage!, _folder, imageSource);
        var imageBuilt = clock.Elapsed;
        var softwareSource = Directory.CreateDirectory(Path.Combine(_folder, "software-package")).FullName;
        await File.WriteAllTextAsync(Path.Combine(softwareSource, "install.sh"), BareMetalSequence.SoftwareScript);
        _server = new ServerProcess
        {
            ExtraArguments =
            [
                "--Agents:UnknownComputerSupport=true", $"--Content:SourceRoots:1={BootImage}", $"--Content:SourceRoots:2={imageSource}",
                $"--Content:SourceRoots:3={softwareSource}",
            ],
        };
        await _server.InitializeAsync();
        var admin = SiteAdmin.For(_server);
        var bootImage = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Boot image (x64)", Type = PackageType.BootImage, SourcePath = BootImage });
        var image = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Test Linux image", Type = PackageType.OsImage, SourcePath = imageSource });
        var software = await admin.CreatePackageAsync(new CreatePackageRequest
        {
            Name = "Software for the installed system", SourcePath = softwareSource, Programs = [new PackageProgram { Name = "Install", CommandLine = "sh install.sh" }],
        });
        await SiteAdmin.DistributeToSiteAsync(admin, image.Id);
        await SiteAdmin.DistributeToSiteAsync(admin, software.Id);
        TaskSequenceDetails sequence;
        try
        {
            // The issue's "a sequence derived from the install-os template", literally: the wizard's Linux template, filled.
            var derived = await BareMetalSequence.FromInstallOsTemplateAsync(admin, bootImage.Id, image.Id, software.Id);
            sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = derived });
        }
        catch (ApiException ex)
        {
            throw new ShouldAssertException($"the server refused the sequence: {ex.Content}");
        }

        // Clients, media and PXE: the run starts in the boot image and goes on in the installed system's agent.
        var deployment = await SiteAdmin.DeployToUnknownComputersAsync(admin, sequence.Summary.Id, "ClientsMediaAndPxe");

        // A blank 2 GiB disk.
        var disk = DiskImage.CreateBlank(Path.Combine(_folder, "disk.raw"), 2L << 30);

        var accelerator = await QemuAccelerator.ChooseAsync(Path.Combine(BootImage!, "vmlinuz"), CancellationToken.None);
        var setUp = clock.Elapsed;
        // Disk first: the blank disk has no boot signature, so the firmware falls through to the network boot; after
        // Setup Operating System the disk boots GRUB.
        _machine = VirtualMachine.Start(_folder, disk, new Uri(_server.Url).Port, accelerator, bootOrder: "cn");
        var poweredOn = clock.Elapsed;
        try
        {
            var device = await UntilAsync(async () => (await admin.ListDevicesAsync()).SingleOrDefault(), "the machine to register");
            var registered = clock.Elapsed;
            device.UnknownComputer.ShouldBeTrue();
            device.InBootMedia.ShouldBeTrue();

            var run = await UntilAsync(async () => (await admin.ListRunsAsync(deploymentId: deployment.Id)).SingleOrDefault(r => r.Status is "Succeeded" or "Failed" or "Cancelled" or "TimedOut"),
                "the run to end");
            var ended = clock.Elapsed;
            var details = await admin.GetRunAsync(run.Id);
            details.Summary.Status.ShouldBe("Succeeded", $"{details.FailedPath}: {details.FailureReason}");
            // The installed system's agent checks in from the deployed system, not the boot image.
            var installed = await UntilAsync(async () => (await admin.ListDevicesAsync()).SingleOrDefault(d => d.Id == device.Id && !d.InBootMedia), "the installed system's agent to check in");
            installed.Name.ShouldBe(BareMetalSequence.DeployedName);
            await _machine.PowerOffAsync();

            var history = details.History.Where(h => h.StepType is not null).ToList();
            history.Where(s => s.Outcome == "Skipped").Select(s => s.Name).ShouldBe(BareMetalSequence.SkippedStepNames);
            details.History.Where(h => h.StepType is null && h.Outcome == "Skipped").Select(h => h.Name).ShouldBe(BareMetalSequence.SkippedGroupNames);
            var steps = history.Where(s => s.Outcome != "Skipped").ToList();
            steps.Select(s => s.Name).ShouldBe(BareMetalSequence.DeploymentStepNames);
            steps.ShouldAllBe(s => s.Outcome == "Succeeded");
            steps.GroupBy(s => s.Path).ShouldAllBe(g => g.Count() == 1);

            var table = await DiskImage.PartitionTableAsync(disk);
            table.GetProperty("label").GetString().ShouldBe("dos");
            var partitions = table.GetProperty("partitions").EnumerateArray().ToList();
            partitions.Count.ShouldBe(1);
            partitions[0].GetProperty("type").GetString().ShouldBe("83");
            partitions[0].TryGetProperty("bootable", out var bootable).ShouldBeTrue();
            bootable.GetBoolean().ShouldBeTrue();
            var (uuid, files) = await DiskImage.WithPartitionAsync(disk, 1, async (loop, root) =>
            {
                var id = (await HostCommand.RunAsync("blkid", "-p", "-o", "value", "-s", "UUID", loop)).Trim();
                var read = new Dictionary<string, string>();
                foreach (var name in (string[])["etc/hostname", "boot/grub/grub.cfg", BareMetalSequence.AfterRestartFile, InstalledSystemImage.MarkerFile, "etc/fstab", "etc/network/interfaces"])
                {
                    read[name] = File.Exists(Path.Combine(root, name)) ? await File.ReadAllTextAsync(Path.Combine(root, name)) : "(missing)";
                }

                read["kernel"] = File.Exists(Path.Combine(root, "boot", $"vmlinuz-{kernel}")).ToString();
                read["agent"] = File.Exists(Path.Combine(root, "usr/local/bin/tsorch-agent")).ToString();
                read["_SMSTaskSequence"] = Directory.Exists(Path.Combine(root, "_SMSTaskSequence")).ToString();
                return (id, read);
            });
            output.WriteLine($"root file system UUID {uuid}; grub.cfg:\n{files["boot/grub/grub.cfg"]}\nfstab:\n{files["etc/fstab"]}");
            uuid.ShouldNotBeNullOrEmpty();
            files["etc/hostname"].ShouldBe(BareMetalSequence.DeployedName + "\n");
            files["boot/grub/grub.cfg"].ShouldContain($"root=UUID={uuid}");
            files[BareMetalSequence.AfterRestartFile].ShouldBe($"installed on {BareMetalSequence.DeployedName}\n");
            files[InstalledSystemImage.MarkerFile].ShouldBe(InstalledSystemImage.MarkerText);
            // The installed system's only network configuration is what Apply Network Settings wrote; its agent reached
            // the server through it.
            files["etc/network/interfaces"].ShouldContain("auto eth0\niface eth0 inet dhcp\n");
            files["kernel"].ShouldBe("True");
            files["agent"].ShouldBe("True");

            var format = steps[1];
            var download = steps[2];
            var apply = steps[3];
            var setup = steps[7];
            var last = steps[8];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"accelerator {accelerator}; image built in {imageBuilt.TotalSeconds:F1} s; set-up {setUp.TotalSeconds:F1} s; boot to registration {(registered - poweredOn).TotalSeconds:F1} s; " +
                $"partition+format {(format.EndedAt - format.StartedAt)?.TotalSeconds:F1} s; image download {(download.EndedAt - download.StartedAt)?.TotalSeconds:F1} s; " +
                $"image apply {(apply.EndedAt - apply.StartedAt)?.TotalSeconds:F1} s; restart into the installed system {(last.StartedAt - setup.EndedAt)?.TotalSeconds:F1} s; " +
                $"power-on to Succeeded {(ended - poweredOn).TotalSeconds:F1} s; _SMSTaskSequence left on the disk: {files["_SMSTaskSequence"]}"));
            foreach (var step in steps)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step.Path} {step.Name}: {step.Outcome} in {(step.EndedAt - step.StartedAt)?.TotalSeconds:F1} s"));
            }

            output.WriteLine($"--- serial console of the machine ---\n{_machine.Console}");
        }
        catch
        {
            output.WriteLine($"--- serial console of the machine ({_machine.ConsolePath}) ---\n{_machine.Console}");
            output.WriteLine($"--- server log ---\n{_server.Log}");
            throw;
        }
    }

    [SkippableFact]
    public async Task Machine_started_from_boot_media_loses_power_while_applying_its_image_and_the_same_run_finishes_when_it_starts_again()
    {
        Skip.If(BootImage is null, "TSORCH_BOOT_IMAGE is not set: run tools/test.sh, which installs QEMU and builds the boot image (tools/baremetal.sh)");
        var clock = Stopwatch.StartNew();
        // Boot media made for this site: the server as the machine reaches it, baked into the ISO's kernel command line.
        var iso = (await HostCommand.RunAsync("bash", Path.Combine(RepositoryPaths.Root, "tools", "boot-media.sh"), BootImage!,
            $"http://{VirtualMachine.ServerAddress}", Path.Combine(_folder, "boot.iso"))).Trim();
        var imageSource = Path.Combine(_folder, "image-package");
        var expected = PowerLossImage.Build(_folder, imageSource);
        _server = new ServerProcess
        {
            ExtraArguments = ["--Agents:UnknownComputerSupport=true", $"--Content:SourceRoots:1={BootImage}", $"--Content:SourceRoots:2={imageSource}"],
        };
        await _server.InitializeAsync();
        var admin = SiteAdmin.For(_server);
        var bootImage = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Boot image (x64)", Type = PackageType.BootImage, SourcePath = BootImage });
        var image = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Power-loss test image", Type = PackageType.OsImage, SourcePath = imageSource });
        await SiteAdmin.DistributeToSiteAsync(admin, image.Id);
        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = PowerLossSequence.Create(bootImage.Id, image.Id) });
        // Media and PXE only: a machine started from boot media is offered it as a network-booted one is.
        var deployment = await SiteAdmin.DeployToUnknownComputersAsync(admin, sequence.Summary.Id, "MediaAndPxeOnly");

        // A blank 2 GiB disk.
        var disk = DiskImage.CreateBlank(Path.Combine(_folder, "disk.raw"), 2L << 30);

        var accelerator = await QemuAccelerator.ChooseAsync(Path.Combine(BootImage!, "vmlinuz"), CancellationToken.None);
        _machine = VirtualMachine.Start(_folder, disk, new Uri(_server.Url).Port, accelerator, bootOrder: "d", cdrom: iso);
        var poweredOn = clock.Elapsed;
        var firstBoot = "";
        try
        {
            var device = await UntilAsync(async () => (await admin.ListDevicesAsync()).SingleOrDefault(), "the machine to register");
            device.UnknownComputer.ShouldBeTrue();
            device.InBootMedia.ShouldBeTrue();

            // The power goes while the image is being applied, past the file system's journal commit (ext4: every 5 s),
            // so that part of the image is on the disk for the retry to deal with.
            await ConsoleShowsAsync($"step '{PowerLossSequence.Apply}' (", "the image apply to start");
            await Task.Delay(TimeSpan.FromSeconds(7));
            _machine.Console.ShouldNotContain($"step '{PowerLossSequence.Apply}' finished",
                customMessage: "the image was applied within 7 s, before the power could be cut in the middle: this machine is too fast for the test's image");
            await _machine.PowerOffAsync();
            var lostAt = clock.Elapsed;
            firstBoot = _machine.Console;
            await _machine.DisposeAsync();
            var run = (await admin.ListRunsAsync(deploymentId: deployment.Id)).Single();
            run.Status.ShouldBe("Running");

            _machine = VirtualMachine.Start(_folder, disk, new Uri(_server.Url).Port, accelerator, bootOrder: "d", cdrom: iso, mac: _machine.MacAddress);
            run = await UntilAsync(async () => (await admin.ListRunsAsync(deploymentId: deployment.Id)).SingleOrDefault(r => r.Status is "Succeeded" or "Failed" or "Cancelled" or "TimedOut"),
                "the run to end");
            var ended = clock.Elapsed;
            var details = await admin.GetRunAsync(run.Id);
            details.Summary.Status.ShouldBe("Succeeded", $"{details.FailedPath}: {details.FailureReason}");
            await _machine.PowerOffAsync();

            // The same machine and the same run: the state moved onto the disk after Format and Partition Disk, and the
            // second boot found it there before registering.
            (await admin.ListDevicesAsync()).Select(d => d.Id).ShouldBe(new[] { device.Id });
            run.DeviceId.ShouldBe(device.Id);
            _machine.Console.ShouldContain("continuing from the journal on /dev/vda1");

            // The interrupted apply ran again per its retry count; every other step ran once.
            var steps = details.History.Where(h => h.StepType is not null).ToList();
            string[] ran = [.. PowerLossSequence.StepNames[..3], PowerLossSequence.Apply, PowerLossSequence.StepNames[3]];
            steps.Select(s => s.Name).ShouldBe(ran);
            steps[2].ShouldSatisfyAllConditions(s => s.Attempt.ShouldBe(1), s => s.Outcome.ShouldBe("Failed"), s => s.Reason.ShouldBe("unexpected-restart-retrying"));
            steps[3].ShouldSatisfyAllConditions(s => s.Attempt.ShouldBe(2), s => s.Outcome.ShouldBe("Succeeded"));
            steps.Where(s => s.Name != PowerLossSequence.Apply).ShouldAllBe(s => s.Outcome == "Succeeded" && s.Attempt == 1);
            steps.Where(s => s.Name != PowerLossSequence.Apply).GroupBy(s => s.Path).ShouldAllBe(g => g.Count() == 1);

            // Exactly the image on the partition, every file with its content, beside the run's _SMSTaskSequence.
            var (files, top) = await DiskImage.WithPartitionAsync(disk, 1, (_, root) => Task.FromResult((PowerLossImage.Hashes(root),
                Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList())));
            top.ShouldBe(new[] { "_SMSTaskSequence", "etc", "usr" });
            files.Where(f => !f.Key.StartsWith("_SMSTaskSequence/", StringComparison.Ordinal)).ShouldBe(expected);

            // The retry found the first attempt's half-extracted image on the disk and started clean.
            var log = string.Concat((await admin.GetRunLogAsync(run.Id)).Select(e => e.Text));
            log.ShouldContain("left by an earlier attempt");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"accelerator {accelerator}; power lost {(lostAt - poweredOn).TotalSeconds:F1} s after power-on; power-on again to Succeeded {(ended - lostAt).TotalSeconds:F1} s"));
            foreach (var step in steps)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step.Path} {step.Name} attempt {step.Attempt}: {step.Outcome} {step.Reason} in {(step.EndedAt - step.StartedAt)?.TotalSeconds:F1} s"));
            }
        }
        catch
        {
            output.WriteLine($"--- serial console of the first boot ---\n{firstBoot}");
            output.WriteLine($"--- serial console of the machine ({_machine.ConsolePath}) ---\n{_machine.Console}");
            output.WriteLine($"--- server log ---\n{_server.Log}");
            throw;
        }
    }

    /// <summary>Polls the serial console often (a step's start is a short window) until it shows <paramref name="text"/>.</summary>
    private async Task ConsoleShowsAsync(string text, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!_machine!.Console.Contains(text, StringComparison.Ordinal))
        {
            if (_machine.HasExited || deadline.Elapsed > RunLimit)
            {
                throw new ShouldAssertException($"the console never showed {what} ({text})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Polls until <paramref name="probe"/> finds something; fails naming what was awaited when the machine stops or the run limit passes.</summary>
    private async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < RunLimit)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (_machine!.HasExited)
            {
                throw new ShouldAssertException($"the virtual machine stopped while waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new ShouldAssertException($"waited {RunLimit.TotalMinutes} minutes for {what}");
    }
}
