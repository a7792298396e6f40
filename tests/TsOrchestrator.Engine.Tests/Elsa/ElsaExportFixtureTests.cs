using System.Text.Json;
using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Elsa;
using TsOrchestrator.Testing;
using Xunit.Abstractions;
using static TsOrchestrator.Engine.Tests.Elsa.ElsaJson;

namespace TsOrchestrator.Engine.Tests.Elsa;

/// <summary>Every real ConfigMgr/MDT file in <c>../shared/fixtures/ts-xml</c> converts and exports (read in place, never copied).</summary>
public sealed class ElsaExportFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fixtures() => TsXmlFixtures.FileNames();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Real_task_sequence_exports_valid_Elsa_json_with_one_activity_per_node(string fileName)
    {
        if (fileName == TsXmlFixtures.Absent)
        {
            output.WriteLine("../shared/fixtures/ts-xml was not found beside the repository: the real-file export tests did not run.");
            return;
        }

        var sequence = ConfigMgrXmlImporter.Import(File.ReadAllText(TsXmlFixtures.PathOf(fileName)), fileName);
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
}
