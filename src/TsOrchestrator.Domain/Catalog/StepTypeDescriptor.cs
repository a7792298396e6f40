namespace TsOrchestrator.Domain.Catalog;

/// <summary>
/// The contract of a step type: what the designer renders, what validation checks and what an
/// agent's handler implements.
/// </summary>
public sealed record StepTypeDescriptor
{
    public required string TypeId { get; init; }
    public required string DisplayName { get; init; }
    public required StepCategory Category { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<StepSettingDescriptor> Settings { get; init; } = [];

    /// <summary>Settings numbered from 0 (Configuration Manager's arrays, <c>Partitions0Size</c>), besides <see cref="Settings"/>.</summary>
    public IReadOnlyList<NumberedSettingFamily> NumberedSettings { get; init; } = [];

    /// <summary>The platforms some agent runs this step type on, read from <see cref="Capabilities.CapabilityProfiles"/>: never a claim of its own.</summary>
    public StepPlatforms Platforms => Capabilities.CapabilityProfiles.PlatformsOf(TypeId);

    /// <summary>Runs a program whose exit code decides success (success codes default to <c>0 3010</c>).</summary>
    public bool HasExitCode { get; init; }

    /// <summary>The step itself restarts the device (Restart Computer).</summary>
    public bool RestartsDevice { get; init; }

    /// <summary>Exit code 3010 means success followed by a device restart (install steps).</summary>
    public bool RestartsOnExitCode3010 { get; init; }

    /// <summary>Retries after an unexpected restart when the step does not say otherwise.</summary>
    public int DefaultRetryOnUnexpectedRestart { get; init; }

    /// <summary>Runs inside the engine, never dispatched to a device (Set Task Sequence Variable).</summary>
    public bool RunsInEngine { get; init; }

    /// <summary>Runs another task sequence inline (Run Task Sequence).</summary>
    public bool RunsChildSequence { get; init; }

    /// <summary>Wipes or replaces the operating system: makes its sequence high-impact.</summary>
    public bool HighImpact { get; init; }

    /// <summary>Configuration Manager / MDT <c>type</c> attributes this step type imports from.</summary>
    public IReadOnlyList<string> XmlTypes { get; init; } = [];

    /// <summary>Success codes used when a step gives none.</summary>
    public IReadOnlyList<int> DefaultSuccessCodes => HasExitCode ? StepCatalog.ProgramSuccessCodes : StepCatalog.PlainSuccessCodes;

    /// <summary>The settings that reference content (packages, images, applications, child sequences).</summary>
    public IEnumerable<StepSettingDescriptor> ContentSettings => Settings.Where(static s => s.ReferencesContent);

    public StepSettingDescriptor? FindSetting(string name) =>
        Settings.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The numbered family <paramref name="name"/> belongs to, with its index and member; null when it belongs to none.</summary>
    public NumberedSetting? FindNumbered(string name) =>
        NumberedSettings.Select(family => family.Match(name)).FirstOrDefault(match => match is not null);

    public bool SupportsPlatform(StepPlatforms platform) => (Platforms & platform) != 0;
}
