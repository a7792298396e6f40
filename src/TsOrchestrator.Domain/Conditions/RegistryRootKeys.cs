namespace TsOrchestrator.Domain.Conditions;

/// <summary>
/// The root keys a registry condition's key path starts with, as Configuration Manager's Registry Setting condition
/// offers them; the short forms (<c>HKLM</c>) that scripts and older exports write are read as the same roots.
/// </summary>
public static class RegistryRootKeys
{
    public const string LocalMachine = "HKEY_LOCAL_MACHINE";
    public const string CurrentUser = "HKEY_CURRENT_USER";
    public const string ClassesRoot = "HKEY_CLASSES_ROOT";
    public const string Users = "HKEY_USERS";
    public const string CurrentConfig = "HKEY_CURRENT_CONFIG";

    /// <summary>The root keys in the order the console lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [LocalMachine, CurrentUser, ClassesRoot, Users, CurrentConfig];

    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HKLM"] = LocalMachine,
        ["HKCU"] = CurrentUser,
        ["HKCR"] = ClassesRoot,
        ["HKU"] = Users,
        ["HKCC"] = CurrentConfig,
    };

    /// <summary>
    /// Splits a key path into its root key (full name) and the key under it; false, with the whole path as the key,
    /// when it does not start with a root key.
    /// </summary>
    public static bool TrySplit(string? keyPath, out string root, out string key)
    {
        var path = keyPath?.Trim() ?? "";
        var separator = path.IndexOf('\\', StringComparison.Ordinal);
        var first = separator < 0 ? path : path[..separator];
        var rest = separator < 0 ? "" : path[(separator + 1)..].Trim('\\');
        var full = All.FirstOrDefault(r => string.Equals(r, first, StringComparison.OrdinalIgnoreCase)) ?? ShortForms.GetValueOrDefault(first);
        if (full is null)
        {
            root = "";
            key = path;
            return false;
        }

        root = full;
        key = rest;
        return true;
    }

    /// <summary>The key path of a root key and a key under it (<c>HKEY_LOCAL_MACHINE\SOFTWARE\Contoso</c>).</summary>
    public static string Join(string root, string key)
    {
        var under = key.Trim().Trim('\\');
        return root.Length == 0 ? under : under.Length == 0 ? root : $"{root}\\{under}";
    }
}
