namespace TsOrchestrator.Domain.Conditions;

/// <summary>Registry setting test (Windows): a key's value exists, or compares with data.</summary>
public sealed record RegistryCondition : Condition
{
    /// <summary>Full key path including the hive, e.g. <c>HKEY_LOCAL_MACHINE\SOFTWARE\Contoso</c>.</summary>
    public required string KeyPath { get; init; }

    /// <summary>Value name; null or empty for the key's default value.</summary>
    public string? ValueName { get; init; }

    public ConditionOperator Operator { get; init; } = ConditionOperator.Exists;

    /// <summary><c>REG_SZ</c>, <c>REG_DWORD</c>, ...; informs the comparison.</summary>
    public string ValueType { get; init; } = "REG_SZ";

    public string? Data { get; init; }

    public override bool NeedsDevice => true;
}
