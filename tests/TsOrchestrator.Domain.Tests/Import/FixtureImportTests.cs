using System.Xml.Linq;
using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.Domain.Tests.Import;

/// <summary>Every real file imports, with its groups, steps, disabled, continue-on-error and condition counts preserved.</summary>
public sealed class FixtureImportTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fixtures() => TsXmlFixtures.FileNames();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Real_task_sequence_imports_with_its_counts_preserved(string fileName)
    {
        if (fileName == TsXmlFixtures.Absent)
        {
            output.WriteLine("../shared/fixtures/ts-xml was not found beside the repository: the real-file import tests did not run.");
            return;
        }

        var path = TsXmlFixtures.PathOf(fileName);
        var xml = File.ReadAllText(path);

        var imported = ConfigMgrXmlImporter.Import(xml, fileName);

        var expected = CountXml(xml);
        var actual = SequenceStatistics.Of(imported);
        output.WriteLine($"{fileName}: {actual.Groups} groups, {actual.Steps} steps, {actual.DisabledNodes} disabled, {actual.ContinueOnErrorNodes} continue-on-error, {actual.Conditions} conditions");
        (actual.Groups, actual.Steps, actual.DisabledNodes, actual.ContinueOnErrorNodes, actual.Conditions)
            .ShouldBe(expected, fileName);
        imported.Name.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Real_task_sequence_survives_the_native_format_and_validates_without_unknown_types(string fileName)
    {
        if (fileName == TsXmlFixtures.Absent)
        {
            return;
        }

        var imported = ConfigMgrXmlImporter.Import(File.ReadAllText(TsXmlFixtures.PathOf(fileName)), fileName);

        var text = NativeFormat.Serialize(imported);
        NativeFormat.Serialize(NativeFormat.Deserialize(text)).ShouldBe(text);
        SequenceValidator.Validate(imported).Problems.ShouldNotContain(p => p.Message.Contains("unknown step type", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Real_partition_layouts_are_known_settings_of_the_right_kind(string fileName)
    {
        if (fileName == TsXmlFixtures.Absent)
        {
            return;
        }

        var imported = ConfigMgrXmlImporter.Import(File.ReadAllText(TsXmlFixtures.PathOf(fileName)), fileName);

        var partitionProblems = SequenceValidator.Validate(imported).Problems.Where(p => p.Field.StartsWith("settings.Partition", StringComparison.OrdinalIgnoreCase)).ToList();
        partitionProblems.ShouldBeEmpty(string.Join("; ", partitionProblems));
    }

    /// <summary>Counts straight from the XML, independently of the importer.</summary>
    private static (int Groups, int Steps, int Disabled, int ContinueOnError, int Conditions) CountXml(string xml)
    {
        var document = XDocument.Parse(xml);
        if (document.Root!.Name.LocalName == "INSTANCE")
        {
            var text = document.Root.Elements("PROPERTY").First(p => (string?)p.Attribute("NAME") == "Sequence").Element("VALUE")!.Value;
            document = XDocument.Parse(text);
        }

        var sequence = document.Descendants("sequence").First();
        var groups = sequence.Descendants("group").ToList();
        var steps = sequence.Descendants().Where(e => e.Name.LocalName is "step" or "subtasksequence").ToList();
        var nodes = groups.Concat(steps).ToList();
        static bool IsTrue(XElement e, string attribute) => string.Equals((string?)e.Attribute(attribute), "true", StringComparison.OrdinalIgnoreCase);
        return (
            groups.Count,
            steps.Count,
            nodes.Count(n => IsTrue(n, "disable")),
            nodes.Count(n => IsTrue(n, "continueOnError")),
            nodes.Count(n => n.Elements("condition").Any(c => c.HasElements)));
    }
}
