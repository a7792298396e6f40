using TsOrchestrator.Contracts.Exchange;

namespace TsOrchestrator.Designer.Exchange;

/// <summary>Import actions as Configuration Manager's Import Task Sequence wizard names them.</summary>
public static class ImportActionText
{
    public static string Of(ImportAction action) => action switch
    {
        ImportAction.CreateNew => "Create New",
        ImportAction.IgnoreDuplicate => "Ignore Duplicate",
        ImportAction.Overwrite => "Overwrite",
        _ => action.ToString(),
    };

    public static string Of(ImportSourceKind source) => source switch
    {
        ImportSourceKind.Export => "TsOrchestrator export",
        ImportSourceKind.ConfigMgrExport => "Configuration Manager export",
        ImportSourceKind.TaskSequenceXml => "task sequence XML",
        _ => source.ToString(),
    };
}
