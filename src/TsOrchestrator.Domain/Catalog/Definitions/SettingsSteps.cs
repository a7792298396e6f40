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
                Text("DomainOUName", "Domain OU"),
                Text("DomainUsername", "Account"),
                Password("DomainPassword", "Password", account: "DomainUsername"),
                Text("WorkgroupName", "Workgroup"),
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
                Text("DomainOUName", "Domain OU"),
                Text("DomainUsername", "Account"),
                Password("DomainPassword", "Password", account: "DomainUsername"),
                Text("WorkgroupName", "Workgroup"),
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
                Text("RegisteredUserName", "User name", required: true),
                Text("RegisteredOrgName", "Organization name", required: true),
                Text("ProductKey", "Product key"),
                Choice("AdminPasswordMode", "Local administrator", "Random", "Random", "Specify", "Disable"),
                Password("AdminPassword", "Administrator password"),
                Text("TimeZone", "Time zone"),
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
