namespace TsOrchestrator.Cli;

/// <summary>
/// Where commands write: the real console, or captured writers in tests. <paramref name="Terminal"/> says a person reads
/// the output on a terminal that takes colour: lists become tables with coloured status words. Captured or redirected
/// output stays plain text, which scripts and tests read.
/// </summary>
internal sealed record CliConsole(TextWriter Output, TextWriter Error, bool Terminal = false)
{
    /// <summary>Colour only on a terminal, and never when <c>NO_COLOR</c> is set to anything (no-color.org).</summary>
    public static bool IsColourTerminal(bool outputRedirected, string? noColor) => !outputRedirected && string.IsNullOrEmpty(noColor);
}
