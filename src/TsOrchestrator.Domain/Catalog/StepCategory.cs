namespace TsOrchestrator.Domain.Catalog;

/// <summary>The designer palette's groups, as Configuration Manager's editor names them.</summary>
public enum StepCategory
{
    General,
    Software,
    Images,
    Drivers,
    Settings,
    Disks,
    UserState,
    Imported,
}
