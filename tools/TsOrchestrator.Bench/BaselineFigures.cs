namespace TsOrchestrator.Bench;

/// <summary>One save-and-reload cycle of the same state, ours against the reflection baselines.</summary>
internal sealed record BaselineFigures
{
    public required int StateBytes { get; init; }
    public required TimedResult Ours { get; init; }
    public required TimedResult ReflectionCached { get; init; }
    public required TimedResult ReflectionOptionsPerCall { get; init; }
    public required TimedResult ReflectionOptionsAndConverterPerCall { get; init; }
}
