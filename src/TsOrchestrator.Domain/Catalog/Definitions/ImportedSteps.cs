using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class ImportedSteps
{
    /// <summary>
    /// Holds a Configuration Manager / MDT step whose type no descriptor knows (e.g. MDT's <c>BDD_Gather</c>):
    /// its original type, every variable and its action line are kept; on Windows the action line runs.
    /// </summary>
    public static readonly StepTypeDescriptor ImportedStep = new()
    {
        TypeId = StepTypeIds.ImportedStep, DisplayName = "Imported Step", Category = StepCategory.Imported,
        Description = "A step imported from Configuration Manager or MDT whose type has no built-in equivalent; its action line runs as a command.",
        HasExitCode = true,
        Settings = [Text("OriginalType", "Original step type")],
    };
}
