using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;

namespace TsOrchestrator.Agent.Tests.Handlers;

[SupportedOSPlatform("linux")]
public sealed class OperatingSystemImageHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Built = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly StepSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    public static TheoryData<string> Extensions => [".tar", ".tar.gz", ".tgz", ".tar.zst", ".zip"];

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task Captured_image_applied_to_an_empty_root_recreates_every_file_byte_for_byte(string extension)
    {
        var source = SourceSystem();
        var image = await CaptureAsync(source, extension);
        var target = Folder("target");

        var result = await ApplyAsync(target, new() { ["ImagePackageID"] = image });

        result.ExitCode.ShouldBe(0);
        result.Variables!["OSDTargetSystemDrive"].ShouldBe(target);
        TreeSnapshot.Of(target).ShouldBe(TreeSnapshot.Of(source));
        Directory.GetFileSystemEntries(target, ".tsorch-staging-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task Capture_logs_the_content_hash_of_the_archive_it_wrote_and_its_counts()
    {
        var source = SourceSystem();
        var destination = Path.Combine(_sandbox.Root, "images", "lab.tar.zst");
        var context = Context("CaptureOperatingSystemImage", source, new() { ["CaptureDestination"] = destination, ["ImageDescription"] = "lab build" });

        (await new CaptureOperatingSystemImageHandler().RunAsync(context, CancellationToken.None)).ExitCode.ShouldBe(0);

        var log = File.ReadAllText(context.Log.Path);
        log.ShouldContain($"content hash blake3-{Blake3.Hasher.Hash(File.ReadAllBytes(destination))}");
        log.ShouldContain("captured 4 files (300014 bytes), 8 folders, 2 symbolic links");
        Directory.GetFiles(Path.GetDirectoryName(destination)!).ShouldBe([destination]);
    }

    [Fact]
    public async Task Cancelled_capture_keeps_the_previous_image_and_leaves_no_partial_file()
    {
        var source = SourceSystem();
        var destination = Path.Combine(_sandbox.Root, "images", "lab.tar");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.WriteAllText(destination, "the previous image");
        var context = Context("CaptureOperatingSystemImage", source, new() { ["CaptureDestination"] = destination });

        await Should.ThrowAsync<OperationCanceledException>(() => new CaptureOperatingSystemImageHandler().RunAsync(context, new CancellationToken(canceled: true)));

        File.ReadAllText(destination).ShouldBe("the previous image");
        Directory.GetFiles(Path.GetDirectoryName(destination)!).ShouldBe([destination]);
    }

    [SkippableFact]
    public async Task Owners_are_kept_through_capture_and_apply_when_the_agent_runs_as_root()
    {
        Skip.If(!Environment.IsPrivilegedProcess, "only root may give a file another owner: as a user every applied file is the agent's own");

        var source = SourceSystem();
        var hostname = Path.Combine(source, "etc", "hostname");
        UnixFiles.TryChangeOwner(hostname, 1234, 5678).ShouldBeTrue();
        var image = await CaptureAsync(source, ".tar.zst");
        var target = Folder("target");

        await ApplyAsync(target, new() { ["ImagePackageID"] = image });

        UnixFiles.Owner(Path.Combine(target, "etc", "hostname")).ShouldBe((1234, 5678));
    }

    [SkippableFact]
    public async Task Unreadable_file_fails_the_capture_naming_it_and_keeps_no_partial_image()
    {
        Skip.If(Environment.IsPrivilegedProcess, "root reads every file whatever its mode: there is no unreadable file to make here (run as a user, it is)");

        var source = SourceSystem();
        File.SetUnixFileMode(Path.Combine(source, "root", ".profile"), UnixFileMode.None);
        var destination = Path.Combine(_sandbox.Root, "images", "system.tar");
        var context = Context("CaptureOperatingSystemImage", source, new() { ["CaptureDestination"] = destination });

        (await Should.ThrowAsync<StepFailedException>(() => new CaptureOperatingSystemImageHandler().RunAsync(context, CancellationToken.None)))
            .Message.ShouldStartWith($"{Path.Combine(source, "root", ".profile")} could not be read");
        Directory.GetFiles(Path.GetDirectoryName(destination)!).ShouldBeEmpty();
    }

    [Fact]
    public async Task Capture_into_the_target_root_it_captures_is_refused()
    {
        var source = SourceSystem();
        var context = Context("CaptureOperatingSystemImage", source, new() { ["CaptureDestination"] = Path.Combine(source, "me.tar") });

        (await Should.ThrowAsync<StepFailedException>(() => new CaptureOperatingSystemImageHandler().RunAsync(context, CancellationToken.None)))
            .Message.ShouldContain("is inside the target root");
    }

    [Fact]
    public async Task Applying_wipes_the_root_but_keeps_protected_paths_and_the_state_store()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar.gz");
        var target = Folder("target");
        Write(target, "old/leftover.txt", "old system");
        Write(target, "etc/old.conf", "old config");
        Write(target, "keep/me.txt", "protected");
        Write(target, "var/state/USMT/alice.txt", "user state");

        await ApplyAsync(target, new() { ["ImagePackageID"] = image }, new()
        {
            ["_SMSTSProtectedPaths"] = "keep",
            ["OSDStateStorePath"] = Path.Combine(target, "var", "state"),
        });

        Directory.Exists(Path.Combine(target, "old")).ShouldBeFalse();
        File.Exists(Path.Combine(target, "etc", "old.conf")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(target, "keep", "me.txt")).ShouldBe("protected");
        File.ReadAllText(Path.Combine(target, "var", "state", "USMT", "alice.txt")).ShouldBe("user state");
        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("lab\n");
        Directory.Exists(Path.Combine(target, "var", "log")).ShouldBeTrue();
    }

    [Fact]
    public async Task WipePartition_false_lays_the_image_over_what_the_root_holds()
    {
        var image = await CaptureAsync(SourceSystem(), ".zip");
        var target = Folder("target");
        Write(target, "old/leftover.txt", "old system");
        Write(target, "etc/hostname", "old name");

        await ApplyAsync(target, new() { ["ImagePackageID"] = image, ["WipePartition"] = "false" });

        File.ReadAllText(Path.Combine(target, "old", "leftover.txt")).ShouldBe("old system");
        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("lab\n");
    }

    [Fact]
    public async Task Image_is_found_in_the_folder_a_download_step_saved_for_its_package()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar.zst");
        var package = Folder("cache/LAB00012");
        File.Move(image, Path.Combine(package, "system.tar.zst"));
        File.WriteAllText(Path.Combine(package, "readme.txt"), "not an image");
        var target = Folder("target");

        await ApplyAsync(target, new() { ["ImagePackageID"] = "LAB00012" }, new() { ["_TSPackagePathLAB00012"] = package });

        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("lab\n");
    }

    [Fact]
    public async Task Image_package_not_downloaded_fails_naming_the_variable_it_looked_for()
    {
        var failure = await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = "LAB00012" }));

        failure.Message.ShouldBe("ImagePackageID: the image package LAB00012 is not on this device: download it with a Download Package Content step first (it sets _TSPackagePathLAB00012)");
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public async Task Truncated_image_fails_clearly_and_leaves_the_target_as_it_was(string extension)
    {
        var image = await CaptureAsync(SourceSystem(), extension);
        using (var file = File.OpenWrite(image))
        {
            file.SetLength(file.Length * 2 / 3);
        }

        var target = Folder("target");
        Write(target, "etc/hostname", "old name");

        var failure = await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(target, new() { ["ImagePackageID"] = image }));

        failure.Message.ShouldContain(image);
        failure.Message.ShouldMatch("damaged|truncated");
        Directory.GetFileSystemEntries(target, "*", SearchOption.AllDirectories).ShouldBe([Path.Combine(target, "etc"), Path.Combine(target, "etc", "hostname")], ignoreOrder: true);
        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("old name");
    }

    [Fact]
    public async Task Tar_cut_off_inside_its_end_marker_is_refused_as_truncated()
    {
        var image = Path.Combine(_sandbox.Root, "cut.tar");
        var whole = Tar(("a.txt", "first"), ("b.txt", "second"));

        // Header and one data block per entry: keep both entries and only the first of the two zero blocks that end a tar.
        File.WriteAllBytes(image, whole[..2560]);

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image })))
            .Message.ShouldBe($"the image {image} is truncated: it ends without tar's end-of-archive marker");
    }

    [Fact]
    public async Task Garbage_named_like_a_gzip_image_is_reported_as_damaged()
    {
        var image = Path.Combine(_sandbox.Root, "garbage.tar.gz");
        File.WriteAllBytes(image, Encoding.ASCII.GetBytes(new string('x', 5000)));

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image })))
            .Message.ShouldStartWith($"the image {image} is damaged or truncated");
    }

    [Theory]
    [InlineData("../escaped.txt", "climbs out of its root")]
    [InlineData("etc/../../escaped.txt", "climbs out of its root")]
    [InlineData("/tmp/escaped.txt", "absolute path")]
    public async Task Tar_entry_escaping_the_root_is_refused_and_nothing_is_written(string name, string reason)
    {
        var image = Path.Combine(_sandbox.Root, "slip.tar");
        File.WriteAllBytes(image, Tar(("fine.txt", "fine"), (name, "escaped")));
        var target = Folder("box/target");

        var failure = await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(target, new() { ["ImagePackageID"] = image }));

        failure.Message.ShouldContain(reason);
        Directory.GetFileSystemEntries(target).ShouldBeEmpty();
        File.Exists(Path.Combine(_sandbox.Root, "box", "escaped.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Zip_slip_entry_is_refused_and_nothing_is_written()
    {
        var image = Path.Combine(_sandbox.Root, "slip.zip");
        using (var zip = ZipFile.Open(image, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("fine.txt").Open()))
            {
                writer.Write("fine");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("../../escaped.txt").Open()))
            {
                writer.Write("escaped");
            }
        }

        var target = Folder("box/target");

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(target, new() { ["ImagePackageID"] = image })))
            .Message.ShouldContain("'../../escaped.txt' that climbs out of its root");
        Directory.GetFileSystemEntries(target).ShouldBeEmpty();
        File.Exists(Path.Combine(_sandbox.Root, "escaped.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task Symbolic_link_climbing_out_of_the_root_is_refused()
    {
        var image = Path.Combine(_sandbox.Root, "link.tar");
        File.WriteAllBytes(image, TarWith(new UstarTarEntry(TarEntryType.SymbolicLink, "etc/passwd") { LinkName = "../../../etc/passwd" }));

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image })))
            .Message.ShouldBe($"the image {image} holds a symbolic link 'etc/passwd' -> '../../../etc/passwd' that points outside the target root: refused");
    }

    [Fact]
    public async Task Entry_written_through_a_symbolic_link_is_refused_and_the_link_target_is_untouched()
    {
        var outside = Folder("outside");
        var image = Path.Combine(_sandbox.Root, "through.tar");
        File.WriteAllBytes(image, TarWith(
            new UstarTarEntry(TarEntryType.SymbolicLink, "data") { LinkName = outside },
            TarFile("data/planted.txt", "planted")));

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image })))
            .Message.ShouldBe($"the image {image} writes 'data/planted.txt' through the symbolic link 'data': refused, links are never followed while extracting");
        Directory.GetFileSystemEntries(outside).ShouldBeEmpty();
    }

    [Fact]
    public async Task Image_larger_than_the_free_space_allows_is_refused()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar.gz");
        var target = Folder("target");
        var context = Context("ApplyOperatingSystemImage", target, new() { ["ImagePackageID"] = image });

        var failure = await Should.ThrowAsync<StepFailedException>(() => new ApplyOperatingSystemImageHandler(_ => 100_000).RunAsync(context, CancellationToken.None));

        failure.Message.ShouldStartWith($"the image {image} expands to more than 90000 bytes");
        Directory.GetFileSystemEntries(target).ShouldBeEmpty();
    }

    [Fact]
    public async Task Zip_declaring_more_than_the_free_space_allows_is_refused_before_writing()
    {
        var image = await CaptureAsync(SourceSystem(), ".zip");
        var target = Folder("target");
        var context = Context("ApplyOperatingSystemImage", target, new() { ["ImagePackageID"] = image });

        var failure = await Should.ThrowAsync<StepFailedException>(() => new ApplyOperatingSystemImageHandler(_ => 100_000).RunAsync(context, CancellationToken.None));

        failure.Message.ShouldContain("(at least 300044 at '");
        Directory.GetFileSystemEntries(target).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hard_link_is_applied_as_another_name_of_the_file_extracted_before_it()
    {
        var image = Path.Combine(_sandbox.Root, "links.tar");
        File.WriteAllBytes(image, TarWith(TarFile("usr/bin/python3.11", "interpreter"), new UstarTarEntry(TarEntryType.HardLink, "usr/bin/python3") { LinkName = "usr/bin/python3.11" }));
        var target = Folder("target");

        await ApplyAsync(target, new() { ["ImagePackageID"] = image });

        File.ReadAllText(Path.Combine(target, "usr", "bin", "python3")).ShouldBe("interpreter");
        File.AppendAllText(Path.Combine(target, "usr", "bin", "python3.11"), " patched");
        File.ReadAllText(Path.Combine(target, "usr", "bin", "python3")).ShouldBe("interpreter patched");
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", "ApplyOperatingSystemImage.log")).ShouldContain("extracted 1 files (11 bytes), 2 folders, 0 symbolic links, 1 hard links");
    }

    [Fact]
    public async Task Hard_link_through_a_planted_symbolic_link_is_refused()
    {
        var outside = Folder("outside");
        File.WriteAllText(Path.Combine(outside, "secret"), "host file");
        var image = Path.Combine(_sandbox.Root, "steal.tar");
        File.WriteAllBytes(image, TarWith(
            new UstarTarEntry(TarEntryType.SymbolicLink, "host") { LinkName = outside },
            new UstarTarEntry(TarEntryType.HardLink, "stolen") { LinkName = "host/secret" }));

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image })))
            .Message.ShouldBe($"the image {image} holds a hard link 'stolen' to 'host/secret', which is not inside a folder it extracted: refused");
    }

    [Fact]
    public async Task Device_entries_are_skipped_by_name_and_counted()
    {
        var image = Path.Combine(_sandbox.Root, "dev.tar");
        File.WriteAllBytes(image, TarWith(
            new UstarTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3 },
            new UstarTarEntry(TarEntryType.Fifo, "run/initctl"),
            TarFile("etc/hostname", "lab")));
        var target = Folder("target");

        await ApplyAsync(target, new() { ["ImagePackageID"] = image });

        var log = File.ReadAllText(Path.Combine(_sandbox.Root, "logs", "ApplyOperatingSystemImage.log"));
        log.ShouldContain("skipped dev/null: CharacterDevice entries are not created by the agent");
        log.ShouldContain("skipped 1 item(s): Fifo entries are not created by the agent");
        File.Exists(Path.Combine(target, "dev", "null")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("lab");
    }

    [Fact]
    public async Task Zip_capture_skips_a_fifo_by_name_as_zip_cannot_hold_it()
    {
        var source = SourceSystem();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(source, "var", "log", "pipe")))
        {
            await mkfifo.WaitForExitAsync();
        }

        var context = Context("CaptureOperatingSystemImage", source, new() { ["CaptureDestination"] = Path.Combine(_sandbox.Root, "images", "system.zip") });

        (await new CaptureOperatingSystemImageHandler().RunAsync(context, CancellationToken.None)).ExitCode.ShouldBe(0);

        File.ReadAllText(context.Log.Path).ShouldContain("skipped var/log/pipe: a zip image cannot hold a Fifo (capture to .tar, .tar.gz or .tar.zst to keep it)");
    }

    [Fact]
    public async Task Cancelled_apply_leaves_the_target_as_it_was_without_a_staging_folder()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar.gz");
        var target = Folder("target");
        Write(target, "etc/hostname", "old name");
        var context = Context("ApplyOperatingSystemImage", target, new() { ["ImagePackageID"] = image });

        await Should.ThrowAsync<OperationCanceledException>(() => new ApplyOperatingSystemImageHandler().RunAsync(context, new CancellationToken(canceled: true)));

        Directory.GetFileSystemEntries(target).ShouldBe([Path.Combine(target, "etc")]);
        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("old name");
    }

    [Fact]
    public async Task Staging_folder_left_by_a_killed_attempt_is_removed_by_the_retry()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar");
        var target = Folder("target");
        Write(target, ".tsorch-staging-0123/usr/bin/half-written", "partial");

        await ApplyAsync(target, new() { ["ImagePackageID"] = image, ["WipePartition"] = "false" });

        Directory.GetFileSystemEntries(target, ".tsorch-staging-*").ShouldBeEmpty();
        File.ReadAllText(Path.Combine(target, "etc", "hostname")).ShouldBe("lab\n");
    }

    [Fact]
    public async Task Destination_folder_inside_the_target_root_receives_the_image_and_the_rest_of_the_root_is_kept()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar");
        var target = Folder("target");
        Write(target, "other/data.txt", "other volume");

        var result = await ApplyAsync(target, new() { ["ImagePackageID"] = image, ["DestinationPath"] = "sysroot" });

        File.ReadAllText(Path.Combine(target, "sysroot", "etc", "hostname")).ShouldBe("lab\n");
        File.ReadAllText(Path.Combine(target, "other", "data.txt")).ShouldBe("other volume");
        result.Variables!["OSDTargetSystemDrive"].ShouldBe(Path.Combine(target, "sysroot"));
    }

    [Fact]
    public async Task Unknown_archive_extension_fails_naming_the_formats_the_agent_knows()
    {
        var image = Path.Combine(_sandbox.Root, "system.rar");
        File.WriteAllText(image, "rar");

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image })))
            .Message.ShouldBe($"{image} is not an image this agent applies: its name must end in .tar, .tar.gz, .tgz, .tar.zst or .zip or .wim");
    }

    [Fact]
    public async Task Apply_without_a_configured_target_root_fails_clearly()
    {
        var context = Context("ApplyOperatingSystemImage", null, new() { ["ImagePackageID"] = "/images/system.tar" });

        (await Should.ThrowAsync<StepFailedException>(() => new ApplyOperatingSystemImageHandler().RunAsync(context, CancellationToken.None)))
            .Message.ShouldStartWith("Apply Operating System Image needs the agent's target root: start the agent with --target-root");
    }

    [Fact]
    public async Task Capture_without_an_applied_system_or_a_configured_target_root_fails_clearly()
    {
        var context = Context("CaptureOperatingSystemImage", null, new() { ["CaptureDestination"] = Path.Combine(_sandbox.Root, "x.tar") });

        var message = (await Should.ThrowAsync<StepFailedException>(() => new CaptureOperatingSystemImageHandler().RunAsync(context, CancellationToken.None))).Message;

        message.ShouldStartWith("Capture Operating System Image has no applied system");
        message.ShouldContain("OSDTargetSystemDrive");
        message.ShouldContain("--target-root");
    }

    [Fact]
    public async Task Destination_outside_the_target_root_is_refused()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar");

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image, ["DestinationPath"] = "/" })))
            .Message.ShouldContain("is outside the agent's target root");
    }

    [Fact]
    public async Task Archive_image_index_other_than_one_fails_by_name()
    {
        var image = await CaptureAsync(SourceSystem(), ".tar");

        (await Should.ThrowAsync<StepFailedException>(() => ApplyAsync(Folder("target"), new() { ["ImagePackageID"] = image, ["ImageIndex"] = "2" })))
            .Message.ShouldBe("ImageIndex: image index 2 was asked for, but an archive image holds a single image (index 1)");
    }

    /// <summary>A small system: nested folders, an executable, an empty file and folder, relative and absolute links.</summary>
    private string SourceSystem()
    {
        var root = Folder("source");
        Write(root, "etc/hostname", "lab\n");
        var tool = Write(root, "usr/bin/tool", "");
        var bytes = new byte[300_000];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(tool, bytes);
        File.SetUnixFileMode(tool, (UnixFileMode)0b111_101_101);
        Write(root, "usr/lib/empty", "");
        Write(root, "root/.profile", "umask 022\n");
        Directory.CreateDirectory(Path.Combine(root, "var", "log"));
        var proc = Directory.CreateDirectory(Path.Combine(root, "proc")).FullName;
        File.CreateSymbolicLink(Path.Combine(root, "bin"), "usr/bin");
        File.CreateSymbolicLink(Path.Combine(root, "etc", "localtime"), "/usr/share/zoneinfo/UTC");
        File.SetUnixFileMode(Path.Combine(root, "root"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Read-only, as a system's /proc mount point is: its mode can only be applied once the tree is in place.
        File.SetUnixFileMode(proc, (UnixFileMode)0b101_101_101);

        // Even seconds, as zip stores them; folders last, as writing into a folder changes its time.
        var i = 0;
        foreach (var entry in TreeWalker.Walk(root, null, (_, ex) => throw ex).Where(e => e.Kind != UnixFileKind.SymbolicLink).Reverse().ToList())
        {
            File.SetLastWriteTimeUtc(entry.FullPath, Built.AddSeconds(2 * i++).UtcDateTime);
        }

        return root;
    }

    private async Task<string> CaptureAsync(string root, string extension)
    {
        var destination = Path.Combine(_sandbox.Root, "images", "system" + extension);
        var context = Context("CaptureOperatingSystemImage", root, new() { ["CaptureDestination"] = destination });
        (await new CaptureOperatingSystemImageHandler().RunAsync(context, CancellationToken.None)).ExitCode.ShouldBe(0);
        return destination;
    }

    private Task<TsOrchestrator.Contracts.Agents.WorkItemResult> ApplyAsync(string target, Dictionary<string, string> settings, Dictionary<string, string>? variables = null) =>
        new ApplyOperatingSystemImageHandler().RunAsync(Context("ApplyOperatingSystemImage", target, settings, variables), CancellationToken.None);

    private StepContext Context(string stepType, string? targetRoot, Dictionary<string, string> settings, Dictionary<string, string>? variables = null) =>
        _sandbox.Context(stepType, settings, variables).WithTargetRoot(targetRoot);

    private string Folder(string relative) => Directory.CreateDirectory(Path.Combine(_sandbox.Root, relative)).FullName;

    private static string Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static UstarTarEntry TarFile(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private static byte[] Tar(params (string Name, string Content)[] files) => TarWith([.. files.Select(f => TarFile(f.Name, f.Content))]);

    private static byte[] TarWith(params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }
}
