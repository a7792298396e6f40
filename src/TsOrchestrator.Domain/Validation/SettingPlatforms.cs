using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// The platforms a validation judges step settings for. Linux only when every named profile is a Linux agent's
/// (<c>--platform linux</c> or <c>linux-boot-image</c>), or, with none named, when the sequence itself is limited to
/// Linux platforms (<c>advanced.platforms</c>, not run on any platform). Otherwise Configuration Manager's rules hold:
/// a sequence that may run on any platform may reach a Windows device, where its Windows-only settings matter, and a
/// sequence imported from Configuration Manager (run on any platform) must validate as it did there.
/// </summary>
internal sealed record SettingPlatforms(bool LinuxOnly)
{
    public static SettingPlatforms Of(TaskSequence sequence, IReadOnlyList<CapabilityProfile>? profiles)
    {
        if (profiles is { Count: > 0 })
        {
            return new(profiles.All(p => string.Equals(p.Platform, "linux", StringComparison.OrdinalIgnoreCase)));
        }

        var advanced = sequence.Advanced ?? new AdvancedProperties();
        var platforms = advanced.Platforms ?? [];
        return new(!advanced.RunOnAnyPlatform && platforms.Count > 0
            && platforms.All(p => string.Equals(p.Os, "linux", StringComparison.OrdinalIgnoreCase)));
    }
}
