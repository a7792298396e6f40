namespace TsOrchestrator.Contracts.Exchange;

/// <summary>What was uploaded for an import.</summary>
public enum ImportSourceKind
{
    /// <summary>A TsOrchestrator export (<c>manifest.json</c>), with or without its content.</summary>
    Export,

    /// <summary>A Configuration Manager export zip: an <c>object.xml</c> per task sequence.</summary>
    ConfigMgrExport,

    /// <summary>Bare Configuration Manager or MDT task sequence XML.</summary>
    TaskSequenceXml,
}
