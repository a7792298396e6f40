using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>The target's <c>/etc/shadow</c>: one account's password field replaced, every other line kept as it was.</summary>
internal static class ShadowFile
{
    private const string Path = "/etc/shadow";
    private const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    /// <summary>Sets the account's password field (a crypt hash, or a locked one: <c>!</c> before it) and its date of change (days since 1970).</summary>
    public static void SetPassword(string root, string account, string field, long daysSinceEpoch)
    {
        var text = TargetPath.ReadFile(root, Path)
            ?? throw new StepFailedException($"the applied system {root} has no {Path}: its {account} account cannot be given a password");
        var lines = text.Split('\n').ToList();
        var index = lines.FindIndex(line => line.StartsWith(account + ":", StringComparison.Ordinal));
        if (index < 0)
        {
            throw new StepFailedException($"the applied system's {Path} has no {account} account");
        }

        var fields = lines[index].Split(':');
        if (fields.Length < 3)
        {
            throw new StepFailedException($"the {account} line of the applied system's {Path} is not a shadow entry");
        }

        fields[1] = field;
        fields[2] = daysSinceEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        lines[index] = string.Join(':', fields);
        TargetPath.WriteFile(root, Path, string.Join('\n', lines), Mode);
    }

    /// <summary>The account's password field now (for a lock that keeps the hash).</summary>
    public static string? Password(string root, string account) =>
        TargetPath.ReadFile(root, Path)?.Split('\n').FirstOrDefault(line => line.StartsWith(account + ":", StringComparison.Ordinal))?.Split(':') is [_, var password, ..]
            ? password
            : null;
}
