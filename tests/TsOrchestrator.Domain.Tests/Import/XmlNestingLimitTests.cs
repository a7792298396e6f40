using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Domain.Tests.Import;

/// <summary>Issue 14 item 3: XML nesting is bounded while it is read, the same limit as native JSON and validation.</summary>
public sealed class XmlNestingLimitTests
{
    [Fact]
    public void Xml_nested_40000_groups_deep_is_refused_naming_the_limit_instead_of_overflowing_the_stack()
    {
        var xml = DeepDocuments.GroupsXml(40_000);
        xml.Length.ShouldBeLessThan(1024 * 1024);

        var error = Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import(xml, "deep.xml"));

        error.Detail.ShouldBe(SequenceLimits.TooDeepGroups);
        error.Detail.ShouldContain("deeper than 64 groups");
        error.Line.ShouldBe(1);
    }

    [Fact]
    public void Xml_nested_to_the_group_limit_imports_validates_and_round_trips_through_the_native_format()
    {
        var imported = ConfigMgrXmlImporter.Import(DeepDocuments.GroupsXml(SequenceLimits.MaxGroupDepth), "deep.xml");

        var text = NativeFormat.Serialize(imported);
        NativeFormat.Serialize(NativeFormat.Deserialize(text)).ShouldBe(text);
        SequenceValidator.Validate(imported).Problems.ShouldNotContain(p => p.Field == "nesting");
        NodePath.Walk(imported.Nodes).Max(n => NodePath.DepthOf(n.Path)).ShouldBe(SequenceLimits.MaxGroupDepth + 1);
    }

    [Fact]
    public void Xml_one_group_past_the_limit_is_refused()
    {
        var error = Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import(DeepDocuments.GroupsXml(SequenceLimits.MaxGroupDepth + 1), "deep.xml"));

        error.Message.ShouldStartWith("deep.xml:1:");
        error.Detail.ShouldBe(SequenceLimits.TooDeepGroups);
    }

    [Fact]
    public void Xml_conditions_nested_past_the_limit_are_refused_and_to_the_limit_import()
    {
        ConfigMgrXmlImporter.Import(DeepDocuments.ConditionsXml(SequenceLimits.MaxConditionDepth), "deep.xml").Nodes.ShouldHaveSingleItem();

        var error = Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import(DeepDocuments.ConditionsXml(SequenceLimits.MaxConditionDepth + 1), "deep.xml"));

        error.Detail.ShouldBe(SequenceLimits.TooDeepConditions);
    }

    [Fact]
    public void Xml_nested_past_the_element_limit_outside_groups_is_refused()
    {
        var xml = $"<sequence>{string.Concat(Enumerable.Repeat("<x>", 300))}{string.Concat(Enumerable.Repeat("</x>", 300))}</sequence>";

        Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import(xml, "deep.xml")).Detail
            .ShouldBe($"XML nested deeper than {SequenceLimits.MaxXmlElementDepth} elements");
    }

    [Fact]
    public void Xml_with_a_document_type_is_refused_so_no_entity_expands_it()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE sequence [<!ENTITY a "aaaaaaaaaa">]><sequence><step name="&a;"/></sequence>""";

        Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import(xml, "dtd.xml")).Detail.ShouldContain("DTD is prohibited");
    }

    [Fact]
    public void Xml_import_honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Should.Throw<OperationCanceledException>(() => ConfigMgrXmlImporter.Import(DeepDocuments.GroupsXml(10), "x.xml", cancelled.Token));
    }
}
