using System.IO.Compression;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>tsorch export and import against a real server: the zip and its files folder on the caller's disk, the preview, the actions.</summary>
public sealed class ExchangeCommandsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private const string Password = "Cli-Join-Secret-41d9";

    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);

    [Fact]
    public void Export_with_content_writes_the_zip_and_files_folder_and_import_previews_then_imports_with_actions()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("source"));
        File.WriteAllText(folder.File("source/setup.sh"), "echo install");
        var package = Run("content", "create-package", "Setup", folder.File("source")).Output.Split(' ')[1];
        var sequence = new TaskSequence
        {
            Id = "TSCLIEXP1", Name = "CLI exchange",
            Nodes =
            [
                new StepNode { Name = "Join", Type = StepTypeIds.JoinDomainOrWorkgroup, Settings = new Dictionary<string, string> { ["DomainName"] = "lab.local", ["DomainUsername"] = "LAB\\join", ["DomainPassword"] = Password } },
                new StepNode { Name = "Setup", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "sh setup.sh", ["PackageID"] = package } },
            ],
        };
        var created = Run("ts", "import", folder.Write("lab.tsq.json", NativeFormat.Serialize(sequence)));
        created.ExitCode.ShouldBe(0, created.Error + server.Log);
        var id = created.Output.Split(' ')[1];

        var export = Run("export", id, "-o", folder.File("lab.zip"), "--content", "--comment", "for the branch");
        export.ExitCode.ShouldBe(0, export.Error + server.Log);
        export.Output.ShouldContain("lab_files");
        File.ReadAllText(Path.Combine(folder.File("lab_files"), package, "setup.sh")).ShouldBe("echo install");
        File.ReadAllBytes(folder.File("lab.zip")).AsSpan().IndexOf(Encoding.UTF8.GetBytes(Password)).ShouldBe(-1);
        using (var zip = ZipFile.OpenRead(folder.File("lab.zip")))
        {
            zip.Entries.Select(e => e.FullName).Order().ShouldBe(["manifest.json", $"packages/{package}.json", $"task-sequences/{id}.tsq.json"]);
        }

        // Without --yes: the preview, nothing imported.
        var preview = Run("import", folder.File("lab.zip"));
        preview.ExitCode.ShouldBe(0, preview.Error);
        preview.Output.ShouldContain("for the branch, with content");
        preview.Output.ShouldContain($"{id} (id)");
        preview.Output.ShouldContain("1 to re-enter");
        preview.Error.ShouldContain("not imported");

        var imported = Run("import", folder.File("lab.zip"), "--yes", "--action", $"{id}=CreateNew", "--action", $"{package}=IgnoreDuplicate");
        imported.ExitCode.ShouldBe(0, imported.Error + server.Log);
        var row = imported.Output.Split('\n').Single(l => l.StartsWith("TaskSequence", StringComparison.Ordinal) && l.Contains("CreateNew", StringComparison.Ordinal) && !l.Contains("(id)", StringComparison.Ordinal));
        var copy = row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        copy.ShouldNotBe(id);
        imported.Output.ShouldContain($"re-enter: {copy} 0 settings.DomainPassword");

        var json = JsonDocument.Parse(Run("ts", "list", "--json").Output).RootElement;
        json.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldContain(copy);
    }

    [Fact]
    public void Import_of_something_that_is_not_an_export_and_an_unknown_action_are_refused()
    {
        using var folder = new TempFolder();
        var notExport = Run("import", folder.Write("notes.txt", "just some notes"));
        notExport.ExitCode.ShouldBe(1);
        notExport.Error.ShouldContain("this is not an export");

        var xml = Run("import", folder.Write("tiny.xml", "<sequence version=\"3.00\"><step type=\"SMS_TaskSequence_RunCommandLineAction\" name=\"Hello\"><action>cmd /c echo hi</action></step></sequence>"),
            "--action", "NOSUCH=CreateNew");
        xml.ExitCode.ShouldBe(1);
        xml.Error.ShouldContain("--action NOSUCH: the import has no object 'NOSUCH' (it has TINY)");

        var missing = Run("export", "TSNOSUCH", "-o", folder.File("none.zip"));
        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("TSNOSUCH");
        File.Exists(folder.File("none.zip")).ShouldBeFalse();
    }
}
