using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Components.Sequences;

/// <summary>The Properties dialog's editable values; converts to and from the API's immutable records.</summary>
public sealed class PropertiesForm
{
    private static readonly string[] Oses = ["windows", "linux", "macos"];

    private IReadOnlyList<SupportedPlatform> _otherPlatforms = [];

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool RestartRequired { get; set; }
    public int? DownloadSizeMb { get; set; }
    public int? EstimatedRunTimeMinutes { get; set; }
    public bool SuppressNotifications { get; set; }
    public int MaximumRunTimeMinutes { get; set; }
    public bool RunAnotherProgramFirst { get; set; }
    public string RunFirstPackageId { get; set; } = "";
    public string RunFirstProgramName { get; set; } = "";
    public string BootImageId { get; set; } = "";
    public bool RunOnAnyPlatform { get; set; }
    public HashSet<string> PlatformOses { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool HighImpact { get; set; }
    public bool UseCustomText { get; set; }
    public string Headline { get; set; } = "";
    public string Message1 { get; set; } = "";
    public string Message2 { get; set; } = "";
    public string Message3 { get; set; } = "";
    public bool UseHighPerformancePowerPlan { get; set; }

    public static IReadOnlyList<string> PlatformChoices => Oses;

    public static PropertiesForm From(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var form = new PropertiesForm
        {
            Name = sequence.Name,
            Description = sequence.Description ?? "",
            RestartRequired = sequence.SoftwareCenter.RestartRequired,
            DownloadSizeMb = sequence.SoftwareCenter.DownloadSizeMb,
            EstimatedRunTimeMinutes = sequence.SoftwareCenter.EstimatedRunTimeMinutes,
            SuppressNotifications = sequence.Advanced.SuppressNotifications,
            MaximumRunTimeMinutes = sequence.Advanced.MaximumRunTimeMinutes,
            RunAnotherProgramFirst = sequence.Advanced.RunAnotherProgramFirst is not null,
            RunFirstPackageId = sequence.Advanced.RunAnotherProgramFirst?.PackageId ?? "",
            RunFirstProgramName = sequence.Advanced.RunAnotherProgramFirst?.ProgramName ?? "",
            BootImageId = sequence.Advanced.BootImageId ?? "",
            RunOnAnyPlatform = sequence.Advanced.RunOnAnyPlatform,
            HighImpact = sequence.UserNotification.HighImpact,
            UseCustomText = sequence.UserNotification.UseCustomText,
            Headline = sequence.UserNotification.Headline ?? "",
            Message1 = sequence.UserNotification.Message1 ?? "",
            Message2 = sequence.UserNotification.Message2 ?? "",
            Message3 = sequence.UserNotification.Message3 ?? "",
            UseHighPerformancePowerPlan = sequence.Performance.UseHighPerformancePowerPlan,
            _otherPlatforms = sequence.Advanced.Platforms,
        };
        foreach (var platform in sequence.Advanced.Platforms)
        {
            form.PlatformOses.Add(platform.Os);
        }

        return form;
    }

    public TaskSequenceProperties ToProperties() => new()
    {
        Name = Name.Trim(),
        Description = Blank(Description),
        SoftwareCenter = new SoftwareCenterProperties
        {
            RestartRequired = RestartRequired, DownloadSizeMb = DownloadSizeMb, EstimatedRunTimeMinutes = EstimatedRunTimeMinutes,
        },
        Advanced = new AdvancedProperties
        {
            SuppressNotifications = SuppressNotifications,
            MaximumRunTimeMinutes = MaximumRunTimeMinutes,
            RunAnotherProgramFirst = RunAnotherProgramFirst ? new RunFirstProgram { PackageId = RunFirstPackageId.Trim(), ProgramName = RunFirstProgramName.Trim() } : null,
            BootImageId = Blank(BootImageId),
            RunOnAnyPlatform = RunOnAnyPlatform,

            // An entry keeps its version and architecture while its OS stays ticked.
            Platforms = [.. Oses.Where(PlatformOses.Contains)
                .Select(os => _otherPlatforms.FirstOrDefault(p => string.Equals(p.Os, os, StringComparison.OrdinalIgnoreCase)) ?? new SupportedPlatform { Os = os })],
        },
        UserNotification = new UserNotificationProperties
        {
            HighImpact = HighImpact,
            UseCustomText = UseCustomText,
            Headline = Blank(Headline),
            Message1 = Blank(Message1),
            Message2 = Blank(Message2),
            Message3 = Blank(Message3),
        },
        Performance = new PerformanceProperties { UseHighPerformancePowerPlan = UseHighPerformancePowerPlan },
    };

    /// <summary>The document as it would be saved, for the domain's own validation rules to check live.</summary>
    public TaskSequence ApplyTo(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var properties = ToProperties();
        return sequence with
        {
            Name = properties.Name,
            Description = properties.Description,
            SoftwareCenter = properties.SoftwareCenter,
            Advanced = properties.Advanced,
            UserNotification = properties.UserNotification,
            Performance = properties.Performance,
        };
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
