using CsCheck;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Tests.Serialization;

public sealed class NativeFormatRoundTripTests
{
    [Fact]
    public void Any_sequence_survives_a_write_read_write_round_trip_byte_for_byte()
    {
        SequenceGenerators.Sequence.Sample(sequence =>
        {
            var written = NativeFormat.SerializeToUtf8(sequence);

            var read = NativeFormat.Deserialize(written, "generated");

            NativeFormat.SerializeToUtf8(read).ShouldBe(written);
        }, iter: 300);
    }

    [Fact]
    public void Any_sequence_reads_back_with_the_same_content()
    {
        SequenceGenerators.Sequence.Sample(sequence =>
        {
            var text = NativeFormat.Serialize(sequence);

            var read = NativeFormat.Deserialize(text, "generated");

            // Records holding lists compare by reference, so content is compared through the canonical text.
            NativeFormat.Serialize(read).ShouldBe(text);
            read.Nodes.Count.ShouldBe(sequence.Nodes.Count);
            read.Variables.Count.ShouldBe(sequence.Variables.Count);
        }, iter: 300);
    }
}
