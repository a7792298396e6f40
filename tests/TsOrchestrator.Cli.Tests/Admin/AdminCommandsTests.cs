using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>tsorch against the real server process, as an administrator uses it.</summary>
public sealed class AdminCommandsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);

    [Fact]
    public void Imported_template_is_listed_shown_and_exported_back()
    {
        var imported = Run("ts", "import", Path.Combine(Tsorch.TemplatesFolder, "user-state.tsq.json"));
        imported.ExitCode.ShouldBe(0, imported.Error + server.Log);
        var id = imported.Output.Split(' ')[1];

        var list = JsonDocument.Parse(Run("ts", "list", "--json").Output).RootElement;
        list.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldContain(id);
        Run("ts", "get", id).Output.ShouldContain("'Capture and restore user state' version 1");

        using var folder = new TempFolder();
        var exported = folder.File("exported.tsq.json");
        Run("ts", "export", id, "-o", exported).ExitCode.ShouldBe(0);
        var original = NativeFormat.Deserialize(File.ReadAllText(Path.Combine(Tsorch.TemplatesFolder, "user-state.tsq.json")));
        var back = NativeFormat.Deserialize(File.ReadAllText(exported));
        back.Nodes.ShouldBe(original.Nodes, NodesComparer.Instance);
        back.Id.ShouldBe(id);
    }

    [Fact]
    public void Runs_list_is_empty_before_any_device_ran()
    {
        var result = Run("runs", "list", "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        JsonDocument.Parse(result.Output).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Server_errors_come_back_as_one_line_with_the_problem()
    {
        var missing = Run("ts", "get", "NOPE");
        var wrongKey = Tsorch.Run("ts", "list", "--server", server.Url, "--key", "tsk_wrong");
        var noServer = Tsorch.Run("ts", "list", "--server", "http://127.0.0.1:9", "--key", "x");

        missing.ExitCode.ShouldBe(1);
        missing.Error.Trim().ShouldBe("tsorch: 404 Task sequence not found: Task sequence 'NOPE' does not exist or is outside your security scopes");
        wrongKey.ExitCode.ShouldBe(1);
        wrongKey.Error.ShouldStartWith("tsorch: 401");
        wrongKey.Error.ShouldContain("[key from --key]");
        noServer.ExitCode.ShouldBe(1);
        noServer.Error.ShouldStartWith("tsorch: the server at http://127.0.0.1:9 does not answer");
        new[] { missing, wrongKey, noServer }.ShouldAllBe(r => !r.Error.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Field_errors_of_a_problem_are_listed_after_its_detail()
    {
        var result = Run("collections", "create", " ");

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe("tsorch: 400 Invalid request: a collection name has 1 to 100 characters (name: a collection name has 1 to 100 characters)");
    }

    /// <summary>Nodes compare by their native text: records with lists compare lists by reference.</summary>
    private sealed class NodesComparer : IEqualityComparer<IReadOnlyList<Domain.Sequences.TaskSequenceNode>>
    {
        public static readonly NodesComparer Instance = new();

        public bool Equals(IReadOnlyList<Domain.Sequences.TaskSequenceNode>? x, IReadOnlyList<Domain.Sequences.TaskSequenceNode>? y) =>
            Text(x) == Text(y);

        public int GetHashCode(IReadOnlyList<Domain.Sequences.TaskSequenceNode> obj) => Text(obj).GetHashCode(StringComparison.Ordinal);

        private static string Text(IReadOnlyList<Domain.Sequences.TaskSequenceNode>? nodes) =>
            NativeFormat.Serialize(new Domain.Sequences.TaskSequence { Id = "X", Name = "X", Nodes = nodes ?? [] });
    }

    [Fact]
    public void Security_scopes_of_a_sequence_are_set_from_the_command_line()
    {
        var imported = Run("ts", "import", Path.Combine(Tsorch.TemplatesFolder, "user-state.tsq.json"));
        var id = imported.Output.Split(' ')[1];

        var set = Run("ts", "scopes", id, "lab", "branch-office");
        var shown = JsonDocument.Parse(Run("ts", "list", "--json").Output).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

        set.ExitCode.ShouldBe(0, set.Error);
        set.Output.Trim().ShouldBe($"{id} is in scopes lab, branch-office");
        shown.GetProperty("scopes").EnumerateArray().Select(x => x.GetString()).ShouldBe(["lab", "branch-office"]);
    }
}

