using System.Text.Json;
using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Elsa;
using Xunit.Abstractions;
using static TsOrchestrator.Engine.Tests.Elsa.ElsaJson;

namespace TsOrchestrator.Engine.Tests.Elsa;

/// <summary>Every real ConfigMgr/MDT file in <c>../shared/fixtures/ts-xml</c> converts and exports (read in place, never copied).</summary>
public sealed class ElsaExportFixtureTests(ITestOutputHelper output)
{
    private const string Absent = "(fixtures folder absent)";

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Folder is null ? Enumerable.Empty<string>() : Directory.EnumerateFiles(Folder, "*.xml").Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetFileName(file));
        }

        if (data.Count == 0)
        {
            data.Add(Absent);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Real_task_sequence_exports_valid_Elsa_json_with_one_activity_per_node(string fileName)
    {
        if (fileName == Absent)
        {
            output.WriteLine("../shared/fixtures/ts-xml was not found beside the repository: the real-file export tests did not run.");
            return;
        }

        var sequence = ConfigMgrXmlImporter.Import(File.ReadAllText(System.IO.Path.Combine(Folder!, fileName)), fileName);
        var compiled = WorkflowCompiler.Compile(sequence);

        var bytes = ElsaWorkflowExporter.ExportToUtf8(sequence);

        using var parsed = JsonDocument.Parse(bytes);
        var document = parsed.RootElement;
        var nodes = NodeActivities(document);
        var walked = NodePath.Walk(sequence.Nodes).ToList();
        output.WriteLine($"{fileName}: {walked.Count} nodes, {nodes.Count} activities, {bytes.Length} bytes");
        nodes.Select(Path).ShouldBe(walked.Select(w => w.Path), fileName);
        nodes.Count.ShouldBe(compiled.Activities.Count);
        nodes.Select(DisplayText).ShouldBe(walked.Select(w => w.Node.Name));
        nodes.ShouldAllBe(a => a.GetProperty("type").GetString()!.StartsWith(Kind(a) == "group" ? "Elsa.Sequence" : "TsOrchestrator.", StringComparison.Ordinal));
        var all = Descendants(document.GetProperty("root")).ToList();
        all.Select(a => a.GetProperty("id").GetString()).Distinct(StringComparer.Ordinal).Count().ShouldBe(all.Count);
        all.Count(a => Kind(a) == "condition" && !a.TryGetProperty("then", out _)).ShouldBe(0);
        ElsaWorkflowExporter.ExportToUtf8(sequence).ShouldBe(bytes);
    }

    private static string? Folder { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TsOrchestrator.sln")))
            {
                var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures", "ts-xml"));
                return Directory.Exists(fixtures) ? fixtures : null;
            }
        }

        return null;
    }
}
