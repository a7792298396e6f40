namespace TsOrchestrator.Domain.Sequences;

/// <summary>One entry of a platform restriction: OS family, optional minimum version prefix and architecture.</summary>
public sealed record SupportedPlatform
{
    /// <summary><c>windows</c>, <c>linux</c> or <c>macos</c>.</summary>
    public required string Os { get; init; }

    /// <summary>Version prefix the device's version must start with (e.g. <c>10.0.2</c>); null for any.</summary>
    public string? Version { get; init; }

    /// <summary><c>x64</c>, <c>x86</c> or <c>arm64</c>; null for any.</summary>
    public string? Architecture { get; init; }
}
