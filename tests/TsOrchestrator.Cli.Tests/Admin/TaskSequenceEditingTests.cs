using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>The edit cycle an administrator runs from a shell: lock, export, edit, save, compare versions.</summary>
public sealed class TaskSequenceEditingTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);

    private string Import(string template = "user-state.tsq.json")
    {
        var imported = Run("ts", "import", Path.Combine(Tsorch.TemplatesFolder, template));
        imported.ExitCode.ShouldBe(0, imported.Error + server.Log);
        return imported.Output.Split(' ')[1];
    }

    [Fact]
    public void Exported_file_edited_and_saved_becomes_version_2_and_the_diff_shows_the_edit()
    {
        var id = Import();
        using var folder = new TempFolder();
        var file = folder.File("edit.tsq.json");

        Run("ts", "lock", id).Output.ShouldStartWith($"locked {id} for ");
        Run("ts", "export", id, "-o", file).ExitCode.ShouldBe(0);
        File.WriteAllText(file, NativeFormat.Serialize(NativeFormat.Deserialize(File.ReadAllText(file)) with { Name = "Renamed from the shell" }));
        var saved = Run("ts", "save", id, file);
        Run("ts", "unlock", id).ExitCode.ShouldBe(0);

        saved.ExitCode.ShouldBe(0, saved.Error);
        saved.Output.ShouldStartWith($"saved {id} 'Renamed from the shell' version 2");
        Run("ts", "get", id).Output.ShouldContain("'Renamed from the shell' version 2");
        var versions = JsonDocument.Parse(Run("ts", "versions", id, "--json").Output).RootElement;
        versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Order().ShouldBe([1, 2]);
        var diff = Run("ts", "diff", id).Output;
        diff.ShouldContain("--- version 1");
        diff.ShouldContain("\"name\": \"Capture and restore user state\"");
        diff.ShouldContain("\"name\": \"Renamed from the shell\"");
        Run("ts", "export", id, "-o", file, "--version", "1").ExitCode.ShouldBe(0);
        NativeFormat.Deserialize(File.ReadAllText(file)).Name.ShouldBe("Capture and restore user state");
    }

    [Fact]
    public void Saving_without_the_edit_lock_is_refused_in_one_line()
    {
        var id = Import();
        using var folder = new TempFolder();
        var file = folder.File("edit.tsq.json");
        Run("ts", "export", id, "-o", file).ExitCode.ShouldBe(0);

        var saved = Run("ts", "save", id, file);

        saved.ExitCode.ShouldBe(1);
        saved.Error.ShouldStartWith("tsorch: 4");
        saved.Error.Trim().ShouldNotContain("\n");
    }

    [Fact]
    public void Enable_disable_copy_move_and_delete_act_on_the_server()
    {
        var id = Import();
        Run("folders", "create", "OSD").Output.ShouldBe("created folder OSD\n".Replace("\n", Environment.NewLine, StringComparison.Ordinal));

        Run("ts", "disable", id).Output.ShouldContain("disabled");
        Run("ts", "enable", id).Output.ShouldContain(", enabled");
        var copy = Run("ts", "copy", id).Output.Split(' ')[2];
        Run("ts", "move", copy, "OSD").Output.ShouldStartWith($"moved {copy} to OSD");
        Run("ts", "list", "--folder", "OSD").Output.ShouldContain("Capture and restore user state - Copy");
        Run("ts", "delete", copy).ExitCode.ShouldBe(0);
        var gone = Run("ts", "get", copy);

        gone.ExitCode.ShouldBe(1);
        gone.Error.ShouldStartWith("tsorch: 404 Task sequence not found");
        Run("folders", "list").Output.ShouldContain("OSD");
        Run("folders", "rename", "OSD", "Deploy").Output.ShouldStartWith("renamed OSD to Deploy");
        Run("folders", "delete", "Deploy").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Create_from_a_wizard_template_and_import_configmgr_xml()
    {
        using var folder = new TempFolder();
        var xml = folder.Write("ts.xml", """<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart" continueOnError="true"><action>smsboot.exe</action></step></sequence>""");

        var created = Run("ts", "create", "--name", "Fresh install", "--template", "install-os");
        var imported = Run("ts", "import", xml);

        created.ExitCode.ShouldBe(0, created.Error);
        created.Output.ShouldContain("'Fresh install' version 1");
        imported.ExitCode.ShouldBe(0, imported.Error);
        var id = imported.Output.Split(' ')[1];
        Run("ts", "get", id).Output.ShouldContain("1 top-level nodes");
    }
}
