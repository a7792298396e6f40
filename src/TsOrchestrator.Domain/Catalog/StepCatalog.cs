using System.Collections.Frozen;
using TsOrchestrator.Domain.Catalog.Definitions;

namespace TsOrchestrator.Domain.Catalog;

/// <summary>The built-in step types, read by validation, the designer and agents.</summary>
public static class StepCatalog
{
    internal static readonly IReadOnlyList<int> ProgramSuccessCodes = [0, 3010];
    internal static readonly IReadOnlyList<int> PlainSuccessCodes = [0];

    /// <summary>Every step type in palette order.</summary>
    public static IReadOnlyList<StepTypeDescriptor> All { get; } =
    [
        .. GeneralSteps.All,
        .. SoftwareSteps.All,
        .. ImageSteps.All,
        .. DriverSteps.All,
        .. SettingsSteps.All,
        .. DiskSteps.All,
        .. UserStateSteps.All,
        ImportedSteps.ImportedStep,
    ];

    private static readonly FrozenDictionary<string, StepTypeDescriptor> ByTypeId =
        All.ToFrozenDictionary(static d => d.TypeId, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, StepTypeDescriptor> ByXmlType =
        All.SelectMany(static d => d.XmlTypes.Select(x => (x, d)))
           .ToFrozenDictionary(static p => p.x, static p => p.d, StringComparer.OrdinalIgnoreCase);

    public static StepTypeDescriptor? Find(string typeId) => ByTypeId.GetValueOrDefault(typeId);

    /// <summary>The step type a Configuration Manager / MDT <c>type</c> attribute imports as, if known.</summary>
    public static StepTypeDescriptor? FindByXmlType(string xmlType) => ByXmlType.GetValueOrDefault(xmlType);

    /// <summary>The descriptor for a type id, or an exception naming the unknown type.</summary>
    public static StepTypeDescriptor Get(string typeId) =>
        Find(typeId) ?? throw new KeyNotFoundException($"unknown step type '{typeId}'");
}
