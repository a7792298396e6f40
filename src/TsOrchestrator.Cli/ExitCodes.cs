namespace TsOrchestrator.Cli;

/// <summary>tsorch's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input: a missing or unreadable file, an invalid sequence, a bad scenario or option.</summary>
    public const int InputError = 1;

    /// <summary>The simulated run ended Failed, Cancelled or TimedOut.</summary>
    public const int RunDidNotSucceed = 3;
}
