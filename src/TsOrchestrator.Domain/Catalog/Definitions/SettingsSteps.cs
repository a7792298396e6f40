using static TsOrchestrator.Domain.Catalog.Definitions.Setting;

namespace TsOrchestrator.Domain.Catalog.Definitions;

internal static class SettingsSteps
{
    public static readonly StepTypeDescriptor[] All =
    [
        new()
        {
            TypeId = StepTypeIds.JoinDomainOrWorkgroup, DisplayName = "Join Domain or Workgroup", Category = StepCategory.Settings,
            Description = "Joins the device to a domain or workgroup.",
            XmlTypes = ["SMS_TaskSequence_JoinDomainWorkgroupAction"],
            Settings =
            [
                Choice("Type", "Join", "1", "1", "2"),
                Text("DomainName", "Domain"),
                Text("DomainOUName", "Domain OU") with { NoMeaningOnLinux = "the Linux agent does not join a domain: a domain join is refused on Linux" },
                Text("DomainUsername", "Account"),
                Password("DomainPassword", "Password", account: "DomainUsername"),
                Text("WorkgroupName", "Workgroup") with { NoMeaningOnLinux = "Linux has no workgroup to join: noted and ignored on Linux" },
                Flag("SkipReboot", "Do not restart after joining"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.ApplyNetworkSettings, DisplayName = "Apply Network Settings", Category = StepCategory.Settings,
            Description = "Applies network adapter, DNS and domain/workgroup settings during setup.",
            XmlTypes = ["SMS_TaskSequence_ApplyNetworkSettingsAction"],
            Settings =
            [
                Choice("Type", "Join", "1", "1", "2"),
                Text("DomainName", "Domain"),
                Text("DomainOUName", "Domain OU") with { NoMeaningOnLinux = "the Linux agent does not join a domain: a domain join is refused on Linux" },
                Text("DomainUsername", "Account"),
                Password("DomainPassword", "Password", account: "DomainUsername"),
                Text("WorkgroupName", "Workgroup") with { NoMeaningOnLinux = "Linux has no workgroup to join: noted and ignored on Linux" },
                Rules("Adapters", "Network adapter settings"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.ApplyWindowsSettings, DisplayName = "Apply Windows Settings", Category = StepCategory.Settings,
            Description = "Applies user name, organization, product key, administrator password and time zone.",
            XmlTypes = ["SMS_TaskSequence_ApplyWindowsSettingsAction"],
            Settings =
            [
                Text("RegisteredUserName", "User name", required: true) with { NoMeaningOnLinux = "Linux keeps no registered user name: ignored on Linux" },
                Text("RegisteredOrgName", "Organization name", required: true) with { NoMeaningOnLinux = "Linux keeps no registered organization: ignored on Linux" },
                Text("ProductKey", "Product key") with { NoMeaningOnLinux = "a Windows product key: ignored on Linux" },
                Choice("AdminPasswordMode", "Local administrator", "Random", "Random", "Specify", "Disable"),
                Password("AdminPassword", "Administrator password"),
                Text("TimeZone", "Time zone"),
                Text("ComputerName", "Computer name"),
                Text("SystemLocale", "System locale"),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.CaptureWindowsSettings, DisplayName = "Capture Windows Settings", Category = StepCategory.Settings,
            Description = "Captures computer name, user and organization names and time zone for reuse.",
            XmlTypes = ["SMS_TaskSequence_CaptureWindowsSettingsAction"],
            Settings =
            [
                Flag("MigrateComputerName", "Migrate computer name", true),
                Flag("MigrateRegistrationInfo", "Migrate registered user and organization names", true),
                Flag("MigrateTimeZone", "Migrate time zone", true),
                Flag("MigrateSystemLocale", "Migrate system locale", true),
            ],
        },
        new()
        {
            TypeId = StepTypeIds.CaptureNetworkSettings, DisplayName = "Capture Network Settings", Category = StepCategory.Settings,
            Description = "Captures domain/workgroup membership and adapter settings for reuse.",
            XmlTypes = ["SMS_TaskSequence_CaptureNetworkSettingsAction"],
            Settings =
            [
                Flag("MigrateDomain", "Migrate domain and workgroup membership", true),
                Flag("MigrateAdapterSettings", "Migrate network adapter configuration", true),
            ],
        },
    ];
}
