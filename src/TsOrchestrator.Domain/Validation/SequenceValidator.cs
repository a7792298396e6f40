using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Checks a task sequence against the rules of TS-SEMANTICS (structure, properties, steps against the
/// step catalog, conditions, child sequences, stored size) and reports every problem, not just the first.
/// </summary>
public static class SequenceValidator
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 255;

    /// <summary>Names longer than this are allowed but the Configuration Manager editor cannot show them.</summary>
    public const int EditorNameLength = 50;

    private static readonly string[] PlatformOses = ["windows", "linux", "macos"];
    private static readonly string[] Architectures = ["x64", "x86", "arm64"];

    /// <summary>
    /// Validates a sequence; with a <paramref name="resolver"/>, child sequences are followed too. With
    /// <paramref name="profiles"/>, every step and device-side condition that an agent of one of them cannot run is a
    /// warning; without, the sequence's own platform restriction decides (see <see cref="CapabilityRules"/>). The same
    /// choice decides whether Windows-only settings are required or, for Linux, warned about (see <see cref="SettingPlatforms"/>).
    /// With <paramref name="content"/>, every package, image, driver package and application the sequence names must
    /// exist on the site and be of the kind its place needs (see <see cref="ContentReferenceRules"/>); without (a file
    /// checked offline), references are not looked up.
    /// </summary>
    public static ValidationResult Validate(TaskSequence sequence, ITaskSequenceResolver? resolver = null, IReadOnlyList<Capabilities.CapabilityProfile>? profiles = null,
        IContentResolver? content = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var problems = new ProblemCollector();
        ValidateProperties(sequence, problems);
        ValidateVariables(sequence.Variables, problems);
        NodeRules.Validate(sequence, SettingPlatforms.Of(sequence, profiles), problems);
        ChildSequenceRules.Validate(sequence, resolver, problems);
        ContentReferenceRules.Validate(sequence, content, problems);
        CapabilityRules.Validate(sequence, profiles, problems);
        StoredSizeRule.Validate(sequence, problems);
        return new ValidationResult(problems.Problems);
    }

    /// <summary>
    /// Only content references against the site's content (see <see cref="ContentReferenceRules"/>): all of a sequence's
    /// (<see cref="ContentReferences.Of"/>) for what a deployment needs, or those a save adds.
    /// </summary>
    public static ValidationResult ValidateReferences(IEnumerable<ContentReference> references, IContentResolver content)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(content);
        var problems = new ProblemCollector();
        ContentReferenceRules.Validate(references, content, problems);
        return new ValidationResult(problems.Problems);
    }

    private static void ValidateProperties(TaskSequence sequence, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(sequence.Id))
        {
            problems.Error("", "id", "is required");
        }

        ValidateName("", sequence.Name, problems, warnAboveEditorLength: false);
        problems.MaxLength("", "description", sequence.Description, MaxDescriptionLength);

        var software = sequence.SoftwareCenter ?? new SoftwareCenterProperties();
        if (software.DownloadSizeMb < 0)
        {
            problems.Error("", "softwareCenter.downloadSizeMb", "must not be negative");
        }

        if (software.EstimatedRunTimeMinutes < 0)
        {
            problems.Error("", "softwareCenter.estimatedRunTimeMinutes", "must not be negative");
        }

        ValidateAdvanced(sequence.Advanced ?? new AdvancedProperties(), problems);
        ValidateNotification(sequence, problems);
    }

    internal static void ValidateName(string path, string? name, ProblemCollector problems, bool warnAboveEditorLength)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Error(path, "name", "is required (1 to 100 characters)");
        }
        else if (name.Length > MaxNameLength)
        {
            problems.Error(path, "name", $"must be at most {MaxNameLength} characters (has {name.Length})");
        }
        else if (warnAboveEditorLength && name.Length > EditorNameLength)
        {
            problems.Warning(path, "name", $"has {name.Length} characters; the Configuration Manager editor stops at {EditorNameLength}");
        }
    }

    private static void ValidateAdvanced(AdvancedProperties advanced, ProblemCollector problems)
    {
        if (advanced.MaximumRunTimeMinutes < 0)
        {
            problems.Error("", "advanced.maximumRunTimeMinutes", "must be 0 (no limit) or more minutes");
        }

        if (advanced.RunAnotherProgramFirst is { } first)
        {
            if (string.IsNullOrWhiteSpace(first.PackageId))
            {
                problems.Error("", "advanced.runAnotherProgramFirst.packageId", "is required when another program runs first");
            }

            if (string.IsNullOrWhiteSpace(first.ProgramName))
            {
                problems.Error("", "advanced.runAnotherProgramFirst.programName", "is required when another program runs first");
            }
        }

        var platforms = advanced.Platforms ?? [];
        if (!advanced.RunOnAnyPlatform && platforms.Count == 0)
        {
            problems.Error("", "advanced.platforms", "must list at least one platform unless the sequence runs on any platform");
        }

        // Entries are checked even when ignored (run on any platform): they are stored and come back into force when the flag is cleared.
        for (var i = 0; i < platforms.Count; i++)
        {
            var platform = platforms[i];
            if (!PlatformOses.Contains(platform.Os, StringComparer.OrdinalIgnoreCase))
            {
                problems.Error("", $"advanced.platforms[{i}].os", $"'{platform.Os}' is not a platform (windows, linux or macos)");
            }

            if (platform.Architecture is { Length: > 0 } arch && !Architectures.Contains(arch, StringComparer.OrdinalIgnoreCase))
            {
                problems.Error("", $"advanced.platforms[{i}].architecture", $"'{arch}' is not an architecture (x64, x86 or arm64)");
            }
        }
    }

    private static void ValidateNotification(TaskSequence sequence, ProblemCollector problems)
    {
        var notification = sequence.UserNotification ?? new UserNotificationProperties();
        var texts = new (string Field, string? Text)[]
        {
            ("userNotification.headline", notification.Headline),
            ("userNotification.message1", notification.Message1),
            ("userNotification.message2", notification.Message2),
            ("userNotification.message3", notification.Message3),
        };

        if (notification.UseCustomText)
        {
            // Sequences that are high-impact by their steps show the notification too, so custom text is meaningful for them.
            if (!HighImpactAnalysis.Analyze(sequence).IsHighImpact)
            {
                problems.Error("", "userNotification.useCustomText", "custom notification text is only allowed for a high-impact sequence");
            }

            foreach (var (field, text) in texts)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    problems.Error("", field, "is required when custom notification text is on (headline and all three messages)");
                }
            }
        }

        foreach (var (field, text) in texts)
        {
            problems.MaxLength("", field, text, UserNotificationProperties.MaxTextLength);
        }
    }

    private static void ValidateVariables(IReadOnlyDictionary<string, string>? variables, ProblemCollector problems)
    {
        if (variables is null)
        {
            return;
        }

        var seen = new HashSet<string>(VariableName.Comparer);
        foreach (var (name, value) in variables)
        {
            var field = $"variables.{name}";
            if (!VariableName.IsValid(name))
            {
                problems.Error("", field, $"'{name}' is not a valid variable name (letters, digits, _ and -, 1 to {VariableName.MaxLength} characters)");
            }
            else if (VariableName.IsReadOnly(name))
            {
                problems.Warning("", field, $"'{name}' starts with '_': such names are read-only built-in variables");
            }

            if (!seen.Add(name))
            {
                problems.Error("", field, $"'{name}' appears twice (variable names are case-insensitive)");
            }

            if (value is { Length: > VariableName.MaxValueLength })
            {
                problems.Error("", field, $"value must be at most {VariableName.MaxValueLength} characters (has {value.Length})");
            }
        }
    }
}
