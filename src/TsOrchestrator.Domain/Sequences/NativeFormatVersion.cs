namespace TsOrchestrator.Domain.Sequences;

/// <summary>Versions of the native JSON format this build reads and writes.</summary>
public static class NativeFormatVersion
{
    public const int Current = 1;
}
