namespace TsOrchestrator.Contracts.Collections;

/// <summary>Selects devices by their facts; every given field must match (names with <c>*</c>/<c>?</c> wildcards).</summary>
public sealed record MembershipRule
{
    public string? Os { get; init; }
    public string? OsVersionPrefix { get; init; }
    public string? Architecture { get; init; }
    public string? NamePattern { get; init; }

    /// <summary>True: the computers that booted from the network or boot media without a device record (Configuration Manager's All Unknown Computers).</summary>
    public bool? UnknownComputers { get; init; }
}
