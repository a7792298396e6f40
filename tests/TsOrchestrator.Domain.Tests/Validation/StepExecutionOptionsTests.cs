using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class StepExecutionOptionsTests
{
    [Fact]
    public void Duplicate_success_codes_are_an_error()
    {
        var result = SequenceValidator.Validate(Sequence(CommandLine() with { SuccessCodes = [0, 3010, 0, 1641, 0] }));

        result.ShouldHaveError("0", "successCodes").Message.ShouldContain("0");
    }

    [Fact]
    public void Distinct_success_codes_including_negative_ones_are_fine()
    {
        SequenceValidator.Validate(Sequence(CommandLine() with { SuccessCodes = [0, 3010, -2147024891] })).ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(999, true)]
    [InlineData(1000, false)]
    public void Timeout_must_be_1_to_999_minutes_when_set(int minutes, bool valid)
    {
        var result = SequenceValidator.Validate(Sequence(CommandLine() with { TimeoutMinutes = minutes }));

        if (valid)
        {
            result.ShouldHaveNoProblems();
        }
        else
        {
            result.ShouldHaveError("0", "timeoutMinutes");
        }
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Retry_on_unexpected_restart_must_be_0_to_5(int retries, bool valid)
    {
        var result = SequenceValidator.Validate(Sequence(CommandLine() with { RetryOnUnexpectedRestart = retries }));

        if (valid)
        {
            result.ShouldHaveNoProblems();
        }
        else
        {
            result.ShouldHaveError("0", "retryOnUnexpectedRestart");
        }
    }
}
