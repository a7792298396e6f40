namespace TsOrchestrator.Designer.Components.Deployments;

/// <summary>The Deploy Software Wizard's pages, and which page holds each field the server may name.</summary>
public static class DeployWizardPage
{
    public const int General = 0;
    public const int Settings = 1;
    public const int Scheduling = 2;
    public const int UserExperience = 3;
    public const int Summary = 4;

    public static readonly IReadOnlyList<string> Titles = ["General", "Deployment Settings", "Scheduling", "User Experience", "Summary"];

    public static readonly IReadOnlyDictionary<string, int> FieldPages = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["sequenceId"] = General,
        ["collectionId"] = General,
        ["purpose"] = Settings,
        ["availableTo"] = Settings,
        ["availableAt"] = Scheduling,
        ["expiresAt"] = Scheduling,
        ["assignmentAt"] = Scheduling,
        ["assignmentRecurrence"] = Scheduling,
        ["assignmentInterval"] = Scheduling,
        ["rerun"] = Scheduling,
        ["allowOutsideMaintenanceWindow"] = UserExperience,
        ["confirmHighRisk"] = Summary,
    };
}
