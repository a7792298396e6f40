namespace TsOrchestrator.Engine.Compilation;

/// <summary>A sequence cannot be compiled (e.g. it includes itself through Run Task Sequence).</summary>
public sealed class CompilationException : Exception
{
    public CompilationException(string message)
        : base(message)
    {
    }

    public CompilationException()
    {
    }

    public CompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
