using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Bench;

/// <summary>A generated benchmark sequence and what the simulated device answers for each of its steps.</summary>
internal sealed record GeneratedSequence
{
    public required TaskSequence Sequence { get; init; }

    /// <summary>Exit code (0 or 1) of every step by path: what the driver's pretend agent reports.</summary>
    public required IReadOnlyDictionary<string, int> ExitCodes { get; init; }

    /// <summary>Step nodes in the sequence (Run Command Line and Set Task Sequence Variable), disabled ones included.</summary>
    public required int Steps { get; init; }

    public required int Groups { get; init; }
    public required int MaxDepth { get; init; }
    public required int Conditions { get; init; }
    public required int FalseConditions { get; init; }
    public required int Disabled { get; init; }
    public required int FailingContinueOnErrorSteps { get; init; }
    public required int ContainedGroups { get; init; }
    public required int SetVariableSteps { get; init; }
}
