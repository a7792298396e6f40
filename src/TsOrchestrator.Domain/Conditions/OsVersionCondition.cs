namespace TsOrchestrator.Domain.Conditions;

/// <summary>Operating system platform and version test.</summary>
public sealed record OsVersionCondition : Condition
{
    /// <summary><c>windows</c>, <c>linux</c> or <c>macos</c>; null for any.</summary>
    public string? Platform { get; init; }

    /// <summary><c>x64</c>, <c>x86</c>, <c>arm64</c>; null for any.</summary>
    public string? Architecture { get; init; }

    public ConditionOperator Operator { get; init; } = ConditionOperator.GreaterEqual;

    /// <summary>Dotted version compared with the device's OS version; null tests the platform only.</summary>
    public string? Version { get; init; }

    public override bool NeedsDevice => true;
}
