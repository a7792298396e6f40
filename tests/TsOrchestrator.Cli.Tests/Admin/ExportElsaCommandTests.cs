using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary><c>tsorch export-elsa</c> against the real server process, and offline on a file.</summary>
public sealed class ExportElsaCommandTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private const string Password = "Cli-Elsa-P4ss!";

    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);

    private static TaskSequence WithPassword() => new()
    {
        Id = "TSCLIELSA",
        Name = "Join and build",
        Nodes =
        [
            new StepNode
            {
                Name = "Join the domain",
                Type = StepTypeIds.JoinDomainOrWorkgroup,
                Settings = new Dictionary<string, string>
                {
                    ["Type"] = "1", ["DomainName"] = "corp.example", ["DomainUsername"] = @"CORP\joiner", ["DomainPassword"] = Password,
                },
            },
            new GroupNode { Name = "Apps", Children = [new StepNode { Name = "Tools", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "tools.exe" } }] },
        ],
    };

    [Fact]
    public void Export_elsa_writes_the_servers_workflow_definition_without_the_password()
    {
        using var folder = new TempFolder();
        var imported = Run("ts", "import", folder.Write("join.tsq.json", NativeFormat.Serialize(WithPassword())));
        imported.ExitCode.ShouldBe(0, imported.Error + server.Log);
        var id = imported.Output.Split(' ')[1];
        var file = folder.File("join.elsa.json");

        var written = Run("export-elsa", id, "-o", file);
        var stdout = Run("export-elsa", id, "--version", "1");

        written.ExitCode.ShouldBe(0, written.Error);
        written.Output.ShouldStartWith($"wrote {file} (");
        var text = File.ReadAllText(file);
        stdout.Output.ShouldBe(text);
        text.ShouldNotContain(Password);
        var document = JsonDocument.Parse(text).RootElement;
        document.GetProperty("definitionId").GetString().ShouldBe(id);
        document.GetProperty("version").GetInt32().ShouldBe(1);
        var activities = document.GetProperty("root").GetProperty("activities");
        activities[0].GetProperty("type").GetString().ShouldBe("TsOrchestrator.JoinDomainOrWorkgroup");
        activities[0].GetProperty("customProperties").GetProperty("TsOrchestrator:OmittedSecrets")[0].GetString().ShouldBe("DomainPassword");
        activities[1].GetProperty("type").GetString().ShouldBe("Elsa.Sequence");
        activities[1].GetProperty("activities")[0].GetProperty("type").GetString().ShouldBe("TsOrchestrator.RunCommandLine");
    }

    [Fact]
    public void Export_elsa_of_a_version_that_does_not_exist_prints_the_servers_problem()
    {
        using var folder = new TempFolder();
        var id = Run("ts", "import", folder.Write("join.tsq.json", NativeFormat.Serialize(WithPassword()))).Output.Split(' ')[1];

        var missing = Run("export-elsa", id, "--version", "7", "-o", folder.File("never.json"));
        var unknown = Run("export-elsa", "TSNOWHERE");

        missing.ExitCode.ShouldBe(1);
        missing.Error.Trim().ShouldBe($"tsorch: 404 Version not found: Version '{id}/7' does not exist or is outside your security scopes");
        File.Exists(folder.File("never.json")).ShouldBeFalse();
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.ShouldStartWith("tsorch: 404 Task sequence not found");
    }

    [Fact]
    public void Export_elsa_of_a_file_works_offline_and_refuses_a_version()
    {
        using var folder = new TempFolder();
        var path = folder.Write("join.tsq.json", NativeFormat.Serialize(WithPassword()));

        var offline = Tsorch.Run("export-elsa", path, "--server", "http://127.0.0.1:9", "--key", "unused");
        var withVersion = Tsorch.Run("export-elsa", path, "--version", "2");

        offline.ExitCode.ShouldBe(0, offline.Error);
        offline.Output.ShouldNotContain(Password);
        JsonDocument.Parse(offline.Output).RootElement.GetProperty("definitionId").GetString().ShouldBe("TSCLIELSA");
        withVersion.ExitCode.ShouldBe(1);
        withVersion.Error.ShouldStartWith("tsorch: --version:");
    }
}
