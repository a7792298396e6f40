namespace TsOrchestrator.Domain.Catalog;

/// <summary>Device platforms a step type can run on.</summary>
[Flags]
public enum StepPlatforms
{
    None = 0,
    Windows = 1,
    Linux = 2,
    MacOs = 4,
    Unix = Linux | MacOs,
    All = Windows | Linux | MacOs,
}
