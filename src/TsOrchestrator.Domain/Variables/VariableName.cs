namespace TsOrchestrator.Domain.Variables;

/// <summary>Rules for task sequence variable names: case-insensitive, <c>_</c>-prefixed names read-only.</summary>
public static class VariableName
{
    public const int MaxLength = 256;
    public const int MaxValueLength = 4000;

    /// <summary>The comparer every variable environment uses: names are case-insensitive.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Letters, digits, <c>_</c> and <c>-</c>; 1–256 characters.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name a user or step may set: valid, starts with a letter.</summary>
    public static bool IsValidUserName(string? name) => IsValid(name) && char.IsAsciiLetter(name![0]);

    /// <summary>Names starting with <c>_</c> are built-in and read-only.</summary>
    public static bool IsReadOnly(string name) => name.StartsWith('_');
}
