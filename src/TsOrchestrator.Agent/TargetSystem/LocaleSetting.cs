using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>The target's system locale: Windows' <c>en-US</c> becomes <c>en_US.UTF-8</c> in /etc/default/locale (and /etc/locale.conf where the image has one).</summary>
internal static class LocaleSetting
{
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The POSIX name of a locale, or a failure naming the field.</summary>
    public static string Resolve(string locale, string field) =>
        ToPosix(locale.Trim()) ?? throw new StepFailedException($"the locale '{locale}' ({field}) is neither a Windows locale (en-US) nor a POSIX one (en_US.UTF-8)");

    public static void Write(string root, string name)
    {
        TargetPath.WriteFile(root, "/etc/default/locale", $"LANG={name}\n", Mode);
        if (TargetPath.Exists(root, "/etc/locale.conf"))
        {
            TargetPath.WriteFile(root, "/etc/locale.conf", $"LANG={name}\n", Mode);
        }
    }

    private static string? ToPosix(string locale)
    {
        if (locale is "C" or "C.UTF-8" or "POSIX")
        {
            return locale;
        }

        var parts = locale.Split('.', 2);
        var language = parts[0].Replace('-', '_');
        var pieces = language.Split('_');
        if (pieces is not [{ Length: 2 or 3 } lang, { Length: 2 } region] || !lang.All(char.IsAsciiLetter) || !region.All(char.IsAsciiLetter))
        {
            return null;
        }

        var encoding = parts.Length == 2 ? parts[1] : "UTF-8";
        return encoding.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? $"{lang.ToLowerInvariant()}_{region.ToUpperInvariant()}.{encoding}"
            : null;
    }
}
