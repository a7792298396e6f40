namespace TsOrchestrator.Domain.Conditions;

/// <summary>Installed software test: one exact product, or any version of a product.</summary>
public sealed record InstalledSoftwareCondition : Condition
{
    public string? ProductCode { get; init; }
    public string? UpgradeCode { get; init; }
    public string? ProductName { get; init; }
    public string? Version { get; init; }

    /// <summary>True: any version of the product (by upgrade code or name); false: this exact product code.</summary>
    public bool AnyVersion { get; init; }

    public override bool NeedsDevice => true;
}
