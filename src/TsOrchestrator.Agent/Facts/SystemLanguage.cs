using TsOrchestrator.Agent.TargetSystem;

namespace TsOrchestrator.Agent.Facts;

/// <summary>
/// The language of a POSIX system as an OS-language condition names it (<c>de-DE</c>). The agent runs with invariant
/// globalization, so its own culture says nothing: the language comes from the locale variables the agent was started
/// with (LC_ALL, then LC_MESSAGES, then LANG, as the C library reads them), else the system's configured locale.
/// </summary>
internal static class SystemLanguage
{
    /// <summary>What a system with no locale (or the C/POSIX one) shows its messages in.</summary>
    public const string Default = "en-US";

    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public static string Read(Func<string, string?> environment, string systemRoot)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var locale = LocaleVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
            ?? RunningSystemSettings.Locale(systemRoot);
        return FromPosix(locale) ?? Default;
    }

    /// <summary><c>de_DE.UTF-8@euro</c> → <c>de-DE</c>; null for C, POSIX, or what is not a language.</summary>
    public static string? FromPosix(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var name = locale.Trim().Split('.', '@')[0];
        var parts = name.Split('_');
        if (parts[0] is not { Length: 2 or 3 } language || !language.All(char.IsAsciiLetter))
        {
            return null;
        }

        return parts is [_, { Length: 2 } region] && region.All(char.IsAsciiLetter)
            ? $"{language.ToLowerInvariant()}-{region.ToUpperInvariant()}"
            : language.ToLowerInvariant();
    }
}
