using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Domain.Tests.Serialization;

/// <summary>Issue 14 items 3 and 8: native JSON nests as deep as XML may (it stopped at about 30 groups) and no further, and a node without its kind is the document's fault.</summary>
public sealed class NativeNestingLimitTests
{
    [Fact]
    public void Native_json_nested_to_the_group_limit_reads_and_writes()
    {
        var sequence = NativeFormat.Deserialize(DeepDocuments.GroupsJson(SequenceLimits.MaxGroupDepth), "deep.tsq.json");

        var text = NativeFormat.Serialize(sequence);
        NativeFormat.Serialize(NativeFormat.Deserialize(text)).ShouldBe(text);
    }

    [Fact]
    public void Native_json_one_group_past_the_limit_is_refused_naming_the_limit()
    {
        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(DeepDocuments.GroupsJson(SequenceLimits.MaxGroupDepth + 1), "deep.tsq.json"));

        error.Detail.ShouldEndWith(": " + SequenceLimits.TooDeepGroups);
        error.Detail.ShouldStartWith("$.nodes[0].children[0].children[0]");
    }

    [Fact]
    public void Native_json_nested_100000_groups_deep_is_refused_without_the_serializer_words()
    {
        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(DeepDocuments.GroupsJson(100_000), "deep.tsq.json"));

        error.Detail.ShouldEndWith(SequenceLimits.TooDeepGroups);
        error.Message.ShouldNotContain("maximum configured depth");
    }

    [Fact]
    public void Native_json_conditions_nested_past_the_limit_are_refused_and_to_the_limit_read()
    {
        NativeFormat.Deserialize(DeepDocuments.ConditionsJson(SequenceLimits.MaxConditionDepth)).Nodes.ShouldHaveSingleItem();

        Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(DeepDocuments.ConditionsJson(SequenceLimits.MaxConditionDepth + 1)))
            .Detail.ShouldEndWith(SequenceLimits.TooDeepConditions);
    }

    [Fact]
    public void Native_json_nested_past_the_json_limit_outside_nodes_is_refused()
    {
        var json = $"{{\"formatVersion\":1,\"id\":\"T\",\"name\":\"n\",\"x\":{string.Concat(Enumerable.Repeat("[", 300))}{string.Concat(Enumerable.Repeat("]", 300))}}}";

        Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json)).Detail
            .ShouldEndWith($"JSON nested deeper than {SequenceLimits.MaxJsonDepth} levels");
    }

    [Fact]
    public void Node_without_kind_is_a_format_error_naming_the_node()
    {
        const string json = """{"formatVersion":1,"id":"T","name":"n","nodes":[{"kind":"group","name":"g","children":[{"name":"s","type":"RunCommandLine"}]}]}""";

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json, "nokind.tsq.json"));

        error.Detail.ShouldBe("$.nodes[0].children[0]: the node has no \"kind\": every node is \"kind\": \"group\" or \"kind\": \"step\"");
    }

    [Fact]
    public void Condition_without_type_is_a_format_error_naming_the_condition()
    {
        const string json = """{"formatVersion":1,"id":"T","name":"n","nodes":[{"kind":"step","name":"s","type":"RunCommandLine","condition":{"kind":"all","conditions":[]}}]}""";

        Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json)).Detail.ShouldStartWith("$.nodes[0].condition: the condition has no \"type\"");
    }

    [Fact]
    public void Kind_after_the_node_fields_still_reads()
    {
        const string json = """{"formatVersion":1,"id":"T","name":"n","nodes":[{"name":"s","type":"RunCommandLine","kind":"step"}]}""";

        NativeFormat.Deserialize(json).Nodes.ShouldHaveSingleItem().ShouldBeOfType<StepNode>();
    }

    [Fact]
    public void Native_json_with_a_name_that_is_not_utf8_is_refused_as_the_documents_fault()
    {
        byte[] document = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D];

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(document, "request body"));

        error.Detail.ShouldBe("the document is not valid UTF-8 text");
    }
}
