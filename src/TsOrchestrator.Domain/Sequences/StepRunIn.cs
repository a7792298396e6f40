namespace TsOrchestrator.Domain.Sequences;

/// <summary>Configuration Manager's <c>runIn</c>: which environment a step is meant for.</summary>
public enum StepRunIn
{
    Any = 0,
    BootImage,
    FullOs,
}
