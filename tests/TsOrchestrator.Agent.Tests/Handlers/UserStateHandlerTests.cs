using System.Diagnostics;
using System.Runtime.Versioning;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;

namespace TsOrchestrator.Agent.Tests.Handlers;

[SupportedOSPlatform("linux")]
public sealed class UserStateHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Written = new(2023, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private readonly StepSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Captured_home_folders_restored_to_a_new_root_keep_relative_paths_times_and_modes()
    {
        var old = Homes("old");
        var store = Path.Combine(_sandbox.Root, "store");
        var fresh = Folder("new");

        await CaptureAsync(old, new() { ["StateStorePath"] = store });
        var result = await RestoreAsync(fresh, new() { ["StateStorePath"] = store });

        result.ExitCode.ShouldBe(0);
        TreeSnapshot.Of(Path.Combine(fresh, "home", "alice")).ShouldBe(TreeSnapshot.Of(Path.Combine(old, "home", "alice")));
        TreeSnapshot.Of(Path.Combine(fresh, "home", "bob")).ShouldBe(TreeSnapshot.Of(Path.Combine(old, "home", "bob")));
        Directory.GetLastWriteTimeUtc(Path.Combine(fresh, "home", "alice")).ShouldBe(Written.UtcDateTime);
        new FileInfo(Path.Combine(fresh, "home", "alice", "docs-link")).LinkTarget.ShouldBe("Documents");
    }

    [Fact]
    public async Task Include_and_exclude_patterns_choose_the_files_and_every_skip_is_counted_and_logged()
    {
        var old = Homes("old");
        var store = Path.Combine(_sandbox.Root, "store");
        var context = Context("CaptureUserState", old, new()
        {
            ["StateStorePath"] = store,
            ["Include"] = "*.txt\nDocuments/*",
            ["Exclude"] = "*.tmp\n.cache",
        });

        await new CaptureUserStateHandler().RunAsync(context, CancellationToken.None);

        var files = Path.Combine(store, "UserState", "files");
        Files(files).ShouldBe(["home/alice/Documents/report.odt", "home/alice/Documents/todo.txt", "home/bob/notes.txt"]);
        var log = File.ReadAllText(context.Log.Path);
        log.ShouldContain("skipped /old/home/alice/.cache: excluded by pattern '.cache'".Replace("/old", Path.Combine(_sandbox.Root, "old")));
        log.ShouldContain("skipped 1 item(s): excluded by pattern '*.tmp'");
        log.ShouldContain("skipped 1 item(s): excluded by pattern '.cache'");
        log.ShouldContain("skipped 3 item(s): matched by no include pattern"); // .bashrc, docs-link, bob's photo.jpg
        log.ShouldContain("captured 3 files");
    }

    [Fact]
    public async Task Fifo_in_a_home_folder_is_skipped_by_name_instead_of_blocking_the_capture()
    {
        var old = Homes("old");
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(old, "home", "bob", "pipe")))
        {
            await mkfifo.WaitForExitAsync();
        }

        var context = Context("CaptureUserState", old, new() { ["StateStorePath"] = Path.Combine(_sandbox.Root, "store") });

        (await new CaptureUserStateHandler().RunAsync(context, CancellationToken.None)).ExitCode.ShouldBe(0);

        File.ReadAllText(context.Log.Path).ShouldContain($"skipped {Path.Combine(old, "home", "bob")}/pipe: a Fifo is not user data");
    }

    [Fact]
    public async Task Unreadable_file_is_skipped_by_name_when_the_step_continues_on_locked_files_and_fails_it_otherwise()
    {
        if (Environment.IsPrivilegedProcess)
        {
            return; // root reads every file whatever its mode: there is no unreadable file to make here (run as a user, it is)
        }

        var old = Homes("old");
        var locked = Path.Combine(old, "home", "bob", "notes.txt");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var store = Path.Combine(_sandbox.Root, "store");
        var context = Context("CaptureUserState", old, new() { ["StateStorePath"] = store });

        await new CaptureUserStateHandler().RunAsync(context, CancellationToken.None);
        var strict = Should.ThrowAsync<StepFailedException>(() => CaptureAsync(old, new() { ["StateStorePath"] = store, ["ContinueOnLockedFiles"] = "false" }));

        File.ReadAllText(context.Log.Path).ShouldContain($"skipped {Path.Combine(old, "home", "bob")}/notes.txt: could not be read:");
        (await strict).Message.ShouldStartWith($"{Path.Combine(old, "home", "bob")}/notes.txt could not be read:");
        File.Exists(Path.Combine(store, "UserState", "files", "home", "bob", "photo.jpg")).ShouldBeTrue();
    }

    [Fact]
    public async Task State_store_comes_from_OSDStateStorePath_when_the_setting_is_the_unexpanded_default()
    {
        var old = Homes("old");
        var store = Path.Combine(_sandbox.Root, "requested-store");
        var variables = new Dictionary<string, string> { ["OSDStateStorePath"] = store };

        await new CaptureUserStateHandler().RunAsync(Context("CaptureUserState", old, new() { ["StateStorePath"] = "%OSDStateStorePath%" }, variables), CancellationToken.None);

        File.Exists(Path.Combine(store, "UserState", "files", "home", "bob", "notes.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task Named_folders_inside_and_outside_the_target_root_are_restored_under_the_restore_root()
    {
        var old = Homes("old");
        var shared = Folder("srv/shared");
        File.WriteAllText(Path.Combine(shared, "team.txt"), "team");
        var store = Path.Combine(_sandbox.Root, "store");
        var fresh = Folder("new");

        await CaptureAsync(old, new() { ["StateStorePath"] = store, ["Folders"] = $"home/bob\n{shared}" });
        await RestoreAsync(null, new() { ["StateStorePath"] = store, ["TargetRoot"] = fresh });

        File.ReadAllText(Path.Combine(fresh, "home", "bob", "notes.txt")).ShouldBe("notes");
        File.ReadAllText(Path.Combine(fresh, shared.TrimStart('/'), "team.txt")).ShouldBe("team");
        Directory.Exists(Path.Combine(fresh, "home", "alice")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_capture_replaces_the_first_as_a_whole()
    {
        var old = Homes("old");
        var store = Path.Combine(_sandbox.Root, "store");
        await CaptureAsync(old, new() { ["StateStorePath"] = store });
        File.Delete(Path.Combine(old, "home", "bob", "notes.txt"));

        await CaptureAsync(old, new() { ["StateStorePath"] = store });

        File.Exists(Path.Combine(store, "UserState", "files", "home", "bob", "notes.txt")).ShouldBeFalse();
        Directory.GetFileSystemEntries(store).ShouldBe([Path.Combine(store, "UserState")]);
    }

    [Fact]
    public async Task Restore_never_writes_through_a_link_planted_at_the_destination()
    {
        var old = Homes("old");
        var store = Path.Combine(_sandbox.Root, "store");
        await CaptureAsync(old, new() { ["StateStorePath"] = store });
        var outside = Folder("outside");
        var fresh = Folder("new/home");
        File.CreateSymbolicLink(Path.Combine(fresh, "alice"), outside);

        var context = Context("RestoreUserState", Path.GetDirectoryName(fresh), new() { ["StateStorePath"] = store });
        await new RestoreUserStateHandler().RunAsync(context, CancellationToken.None);

        Directory.GetFileSystemEntries(outside).ShouldBeEmpty();
        File.ReadAllText(context.Log.Path).ShouldContain($"skipped home/alice: it would be written through the symbolic link {Path.Combine(fresh, "alice")}");
        File.ReadAllText(Path.Combine(fresh, "bob", "notes.txt")).ShouldBe("notes");
    }

    [Fact]
    public async Task Restore_from_a_missing_state_store_fails_naming_it()
    {
        var store = Path.Combine(_sandbox.Root, "no-store");

        (await Should.ThrowAsync<StepFailedException>(() => RestoreAsync(Folder("new"), new() { ["StateStorePath"] = store })))
            .Message.ShouldBe($"the state store {store} does not exist: there is no user state to restore");
    }

    [Fact]
    public async Task Restore_from_a_store_that_holds_no_capture_fails_clearly()
    {
        var store = Folder("empty-store");

        (await Should.ThrowAsync<StepFailedException>(() => RestoreAsync(Folder("new"), new() { ["StateStorePath"] = store })))
            .Message.ShouldStartWith($"the state store {store} holds no captured user state");
    }

    [Fact]
    public async Task Capture_without_any_state_store_fails_clearly()
    {
        var context = Context("CaptureUserState", Homes("old"), new() { ["StateStorePath"] = "%OSDStateStorePath%" });

        (await Should.ThrowAsync<StepFailedException>(() => new CaptureUserStateHandler().RunAsync(context, CancellationToken.None)))
            .Message.ShouldBe("the step has no state store: set its state store location (StateStorePath) or run Request State Store first (it sets OSDStateStorePath)");
    }

    [Fact]
    public async Task Restore_without_anywhere_to_restore_to_fails_clearly()
    {
        (await Should.ThrowAsync<StepFailedException>(() => RestoreAsync(null, new() { ["StateStorePath"] = Folder("store") })))
            .Message.ShouldStartWith("the step has nowhere to restore to");
    }

    /// <summary>A target root with two users' home folders: documents, a dot file, a cache, a link, a temp file.</summary>
    private string Homes(string name)
    {
        var root = Folder(name);
        Write(root, "home/alice/Documents/todo.txt", "todo");
        Write(root, "home/alice/Documents/report.odt", "report");
        Write(root, "home/alice/Documents/draft.tmp", "draft");
        Write(root, "home/alice/.bashrc", "alias ll='ls -l'");
        Write(root, "home/alice/.cache/thumbs/1.png", "png");
        File.CreateSymbolicLink(Path.Combine(root, "home", "alice", "docs-link"), "Documents");
        Write(root, "home/bob/notes.txt", "notes");
        Write(root, "home/bob/photo.jpg", "jpg");
        File.SetUnixFileMode(Path.Combine(root, "home", "bob", "notes.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        foreach (var entry in TreeWalker.Walk(Path.Combine(root, "home"), null, (_, ex) => throw ex).Where(e => e.Kind != UnixFileKind.SymbolicLink).Reverse().ToList())
        {
            File.SetLastWriteTimeUtc(entry.FullPath, Written.UtcDateTime);
        }

        return root;
    }

    private Task<TsOrchestrator.Contracts.Agents.WorkItemResult> CaptureAsync(string root, Dictionary<string, string> settings) =>
        new CaptureUserStateHandler().RunAsync(Context("CaptureUserState", root, settings), CancellationToken.None);

    private Task<TsOrchestrator.Contracts.Agents.WorkItemResult> RestoreAsync(string? root, Dictionary<string, string> settings) =>
        new RestoreUserStateHandler().RunAsync(Context("RestoreUserState", root, settings), CancellationToken.None);

    private StepContext Context(string stepType, string? targetRoot, Dictionary<string, string> settings, Dictionary<string, string>? variables = null) =>
        _sandbox.Context(stepType, settings, variables).WithTargetRoot(targetRoot);

    private string Folder(string relative) => Directory.CreateDirectory(Path.Combine(_sandbox.Root, relative)).FullName;

    private static List<string> Files(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
