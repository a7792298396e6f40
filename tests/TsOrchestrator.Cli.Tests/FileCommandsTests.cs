using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Tests;

public sealed class FileCommandsTests
{
    public static TheoryData<string> Templates() =>
        new(Tsorch.Templates.Concat(Tsorch.LinuxTemplates).Distinct().Select(t => Path.GetRelativePath(Tsorch.TemplatesFolder, t)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_validates_and_is_written_in_canonical_form(string template)
    {
        var path = Path.Combine(Tsorch.TemplatesFolder, template);

        var result = Tsorch.Run("validate", path);

        result.ExitCode.ShouldBe(0, result.Output);
        // The only warnings a template may have are the steps no agent runs yet, which validation must name, and the
        // placeholder packages the user is to choose.
        result.Output.Split('\n').Where(l => l.Contains(": warning:", StringComparison.Ordinal))
            .ShouldAllBe(l => l.Contains("no agent on any platform runs", StringComparison.Ordinal) ||
                              l.Contains("is the template's placeholder: choose the package", StringComparison.Ordinal));
        var text = File.ReadAllText(path);
        NativeFormat.Serialize(NativeFormat.Deserialize(text)).ShouldBe(text, "run tsorch convert on the template to write it canonically");
    }

    [Fact]
    public void Validate_reports_every_problem_with_its_path_and_exits_1()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.tsq.json", """
            {"formatVersion": 1, "id": "BAD", "name": "", "nodes": [
              {"kind": "step", "name": "No command", "type": "RunCommandLine", "settings": {}},
              {"kind": "step", "name": "Mystery", "type": "NoSuchStep"}
            ]}
            """);

        var result = Tsorch.Run("validate", file, "--json");

        result.ExitCode.ShouldBe(1);
        var problems = JsonDocument.Parse(result.Output).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("path").GetString(), p.GetProperty("field").GetString())).ToList();
        problems.ShouldContain(("", "name"));
        problems.ShouldContain(("0", "settings.CommandLine"));
        problems.ShouldContain(("1", "type"));
    }

    [Fact]
    public void Validate_for_linux_drops_windows_only_requirements_and_warns_about_those_set_while_windows_keeps_them()
    {
        using var folder = new TempFolder();
        var file = folder.Write("settings.tsq.json", """
            {"formatVersion": 1, "id": "OSD", "name": "Settings", "nodes": [
              {"kind": "step", "name": "Settings", "type": "ApplyWindowsSettings", "settings": {"ComputerName": "lab-01", "ProductKey": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"}},
              {"kind": "step", "name": "Partition", "type": "FormatAndPartitionDisk", "settings": {"Partitions": "1", "Partitions0FileSystem": "ext4", "Partitions0Size": "100", "Partitions0SizeUnits": "%"}}
            ]}
            """);

        var linux = Tsorch.Run("validate", file, "--platform", "boot-image", "--json");
        var windows = Tsorch.Run("validate", file, "--platform", "windows", "--json");

        linux.ExitCode.ShouldBe(0, linux.Output);
        Problems(linux.Output).ShouldBe([("0", "settings.ProductKey", "Warning")], linux.Output);
        windows.ExitCode.ShouldBe(1, windows.Output);
        Problems(windows.Output).ShouldContain(("0", "settings.RegisteredUserName", "Error"));
        Problems(windows.Output).ShouldContain(("0", "settings.RegisteredOrgName", "Error"));
        Problems(windows.Output).ShouldNotContain(p => p.Field.StartsWith("settings.Partitions", StringComparison.Ordinal));

        static List<(string? Path, string Field, string? Severity)> Problems(string json) =>
            [.. JsonDocument.Parse(json).RootElement.GetProperty("problems").EnumerateArray()
                .Where(p => p.GetProperty("field").GetString()!.StartsWith("settings.", StringComparison.Ordinal))
                .Select(p => (p.GetProperty("path").GetString(), p.GetProperty("field").GetString()!, p.GetProperty("severity").GetString()))];
    }

    [Fact]
    public void Inspect_counts_the_whole_tree()
    {
        using var folder = new TempFolder();
        var file = folder.Write("s.tsq.json", Sequences.Small);

        var result = Tsorch.Run("inspect", file, "--json");

        var json = JsonDocument.Parse(result.Output).RootElement;
        json.GetProperty("name").GetString().ShouldBe("Small");
        json.GetProperty("groups").GetInt32().ShouldBe(1);
        json.GetProperty("steps").GetInt32().ShouldBe(4);
        json.GetProperty("disabledNodes").GetInt32().ShouldBe(1);
        json.GetProperty("continueOnErrorNodes").GetInt32().ShouldBe(0);
        json.GetProperty("conditions").GetInt32().ShouldBe(1);
        json.GetProperty("stepTypes").GetProperty("RunCommandLine").GetInt32().ShouldBe(4);
    }

    [Fact]
    public void Convert_writes_xml_as_a_native_file_that_reads_back_the_same()
    {
        using var folder = new TempFolder();
        var xml = folder.Write("ts.xml", """<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart" continueOnError="true"><action>smsboot.exe</action></step></sequence>""");
        var output = folder.File("ts.tsq.json");

        Tsorch.Run("convert", xml, "-o", output).ExitCode.ShouldBe(0);

        var converted = NativeFormat.Deserialize(File.ReadAllText(output));
        converted.Nodes.Single().ContinueOnError.ShouldBeTrue();
        Tsorch.Run("inspect", output, "--json").Output.ShouldBe(Tsorch.Run("inspect", xml, "--json").Output);
    }

    [Fact]
    public void New_writes_a_sequence_from_a_template_with_the_given_name()
    {
        using var folder = new TempFolder();
        var output = folder.File("win11.tsq.json");

        var result = Tsorch.Run("new", "--template", "install-os", "--name", "Windows 11 Enterprise", "-o", output);

        result.ExitCode.ShouldBe(0, result.Error);
        var created = NativeFormat.Deserialize(File.ReadAllText(output));
        created.Name.ShouldBe("Windows 11 Enterprise");
        created.Id.ShouldBe("WINDOWS-11-ENTERPRISE");
        created.Nodes.ShouldNotBeEmpty();
    }

    [Fact]
    public void New_with_platform_linux_writes_the_linux_template_and_validation_names_its_placeholder_packages()
    {
        using var folder = new TempFolder();
        var output = folder.File("debian.tsq.json");

        var result = Tsorch.Run("new", "--template", "install-os", "--platform", "linux", "--name", "Debian 12", "-o", output);

        result.ExitCode.ShouldBe(0, result.Error);
        var created = NativeFormat.Deserialize(File.ReadAllText(output));
        created.Nodes.Select(n => n.Name).ShouldContain("Restart in the Boot Image");
        var validation = Tsorch.Run("validate", output);
        validation.Output.ShouldContain("Image package: PKG00001 is the template's placeholder: choose the package");
    }

    [Fact]
    public void New_lists_the_five_templates()
    {
        var result = Tsorch.Run("new", "--list");

        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])
            .ShouldBe(["build-capture", "custom", "install-os", "upgrade-os", "user-state"]);
    }
}
