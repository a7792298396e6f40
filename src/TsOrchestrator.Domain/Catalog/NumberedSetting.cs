namespace TsOrchestrator.Domain.Catalog;

/// <summary>A setting name read as a member of a <see cref="NumberedSettingFamily"/>: <c>Partitions1Size</c> is index 1, member Size.</summary>
/// <param name="Family">The family the name belongs to.</param>
/// <param name="Index">The element's index, from 0.</param>
/// <param name="Member">The member's descriptor, or null when the family has no member of that name.</param>
public sealed record NumberedSetting(NumberedSettingFamily Family, int Index, StepSettingDescriptor? Member);
