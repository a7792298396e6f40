using System.Text.Json.Serialization;

namespace TsOrchestrator.Domain.Conditions;

/// <summary>
/// A condition on a node: an if-statement over other conditions, or one expression over a
/// task sequence variable or the device's state.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(IfStatement), "if")]
[JsonDerivedType(typeof(VariableCondition), "variable")]
[JsonDerivedType(typeof(OsVersionCondition), "osVersion")]
[JsonDerivedType(typeof(OsLanguageCondition), "osLanguage")]
[JsonDerivedType(typeof(FileCondition), "file")]
[JsonDerivedType(typeof(FolderCondition), "folder")]
[JsonDerivedType(typeof(RegistryCondition), "registry")]
[JsonDerivedType(typeof(WmiQueryCondition), "wmi")]
[JsonDerivedType(typeof(InstalledSoftwareCondition), "software")]
public abstract record Condition
{
    /// <summary>True when evaluating this condition needs the device (files, registry, WMI, ...).</summary>
    [JsonIgnore]
    public abstract bool NeedsDevice { get; }
}
