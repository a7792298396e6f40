using System.Text.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>Whether a device's agent can run a sequence, by what it reported it can run (or, never reported, by its OS's profile).</summary>
public static class DeviceCapabilityJudge
{
    /// <summary>At most this many step types or condition kinds are kept from a report: the catalog has fewer than 50.</summary>
    public const int MaxReportedEntries = 200;

    /// <summary>The stored form of a report; null stays null.</summary>
    public static string? Store(AgentCapabilities? capabilities) =>
        capabilities is null ? null : JsonSerializer.Serialize(capabilities, ContractJson.Options);

    /// <summary>The report as stored, or null when the device never sent one.</summary>
    public static AgentCapabilities? Read(DeviceEntity device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Capabilities is { Length: > 0 } json ? JsonSerializer.Deserialize<AgentCapabilities>(json, ContractJson.Options) : null;
    }

    /// <summary>
    /// The profile the device is judged by: what its agent reported; an agent older than capabilities reported none, so
    /// it is judged by the named profile of its reported OS and environment (null for macOS, which has no profile: such
    /// a device is not judged at all).
    /// </summary>
    public static CapabilityProfile? ProfileOf(DeviceEntity device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (Read(device) is { } reported)
        {
            return new CapabilityProfile("reported", reported.Platform,
                AgentEnvironments.Parse(reported.Environment) ?? AgentEnvironment.FullOs, reported.StepTypes, reported.ConditionKinds);
        }

        return CapabilityProfiles.For(device.Os, device.InBootMedia ? AgentEnvironment.BootImage : AgentEnvironment.FullOs);
    }

    /// <summary>The enabled steps of <paramref name="sequence"/> the device's agent cannot run (none when it is not judged).</summary>
    public static IReadOnlyList<UnrunnableStep> StepsThatCannotRun(TaskSequence sequence, DeviceEntity device) =>
        ProfileOf(device) is { } profile ? CapabilityCheck.StepsThatCannotRun(sequence, profile) : [];

    /// <summary><c>cannot run: Format and Partition Disk (step 3/1) on linux full-os</c>, or null when the device can run every step.</summary>
    public static string? Reason(IReadOnlyList<UnrunnableStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Count == 0 ? null : "cannot run: " + string.Join("; ", steps.Select(s => s.ToString()));
    }
}
