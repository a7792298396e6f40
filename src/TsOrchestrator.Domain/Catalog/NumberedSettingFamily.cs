using System.Globalization;

namespace TsOrchestrator.Domain.Catalog;

/// <summary>
/// A family of settings numbered from 0, as Configuration Manager keeps a step's arrays: <c>Partitions0Size</c>,
/// <c>Partitions1FileSystem</c> ... (prefix, index, member). Validation checks each member's value by its kind and
/// its index against <see cref="CountSetting"/> instead of calling the setting unknown.
/// </summary>
public sealed record NumberedSettingFamily
{
    /// <summary>What every name of the family starts with, before the index: <c>Partitions</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>One element as messages name it: <c>partition</c>.</summary>
    public required string ElementName { get; init; }

    /// <summary>The setting holding how many elements there are; an index at or past it is never read by the agent.</summary>
    public string? CountSetting { get; init; }

    /// <summary>The most elements the step takes.</summary>
    public int MaxCount { get; init; } = 128;

    /// <summary>The members of one element, named by what follows the index (<c>Size</c>, <c>FileSystem</c>).</summary>
    public required IReadOnlyList<StepSettingDescriptor> Members { get; init; }

    /// <summary>
    /// Reads <paramref name="name"/> as prefix + index + member; null when it is not of this family's shape. A name of
    /// the shape whose member is unknown comes back with a null <see cref="NumberedSetting.Member"/>.
    /// </summary>
    public NumberedSetting? Match(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var digits = 0;
        while (Prefix.Length + digits < name.Length && char.IsAsciiDigit(name[Prefix.Length + digits]))
        {
            digits++;
        }

        var suffix = name[(Prefix.Length + digits)..];
        if (digits == 0 || suffix.Length == 0)
        {
            return null;
        }

        // An index too long to be a number is past any count: int.MaxValue says so without overflowing.
        var index = digits <= 9 ? int.Parse(name.AsSpan(Prefix.Length, digits), NumberStyles.None, CultureInfo.InvariantCulture) : int.MaxValue;
        var member = Members.FirstOrDefault(m => string.Equals(m.Name, suffix, StringComparison.OrdinalIgnoreCase));
        return new NumberedSetting(this, index, member);
    }

    /// <summary>The family's names as a help text says them: <c>Partitions&lt;N&gt;Size, Partitions&lt;N&gt;FileSystem, ...</c>.</summary>
    public string Shape => string.Join(", ", Members.Select(m => $"{Prefix}<N>{m.Name}"));
}
