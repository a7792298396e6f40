using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class StoredSizeRuleTests
{
    [Fact]
    public void Sequence_over_2_MB_is_an_error_that_suggests_child_sequences()
    {
        // 600 scripts of 4,000 characters: about 2.4 MB of JSON.
        var steps = Enumerable.Range(0, 600).Select(i => CommandLine($"Step {i}", new string('x', 4000))).ToArray();
        var sequence = Sequence(steps);
        var size = NativeFormat.SerializeToUtf8(sequence).Length;
        size.ShouldBeGreaterThan(NativeFormat.MaxStoredBytes);

        var problem = SequenceValidator.Validate(sequence).ShouldHaveError("", "");

        problem.Message.ShouldContain($"{size:N0} bytes");
        problem.Message.ShouldContain("MB");
        problem.Message.ShouldContain("Run Task Sequence");
    }

    [Fact]
    public void Sequence_under_2_MB_has_no_size_problem()
    {
        var steps = Enumerable.Range(0, 100).Select(i => CommandLine($"Step {i}", new string('x', 4000))).ToArray();

        SequenceValidator.Validate(Sequence(steps)).ShouldHaveNoProblems();
    }
}
