namespace TsOrchestrator.Content;

/// <summary>Package ids as this site makes them (<c>PKG</c> and 8 hex digits); others are refused where ids become paths.</summary>
public static class PackageIds
{
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 16 } && id.All(char.IsAsciiLetterOrDigit);
}
