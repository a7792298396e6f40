using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Capture Windows Settings, in its Linux meaning: the running system's host name, time zone (its IANA name, which
/// Apply Windows Settings takes) and system locale become OSDComputerName, OSDTimeZone and OSDSystemLocale, so the
/// Apply Windows Settings after the new image carries them over. Each honours its Migrate flag. Linux keeps no
/// registered user or organisation: MigrateRegistrationInfo sets nothing and the log says so.
/// </summary>
internal sealed class CaptureWindowsSettingsHandler(string systemRoot = "/") : IStepHandler
{
    public const string TimeZoneVariable = "OSDTimeZone";
    public const string LocaleVariable = "OSDSystemLocale";

    public string TypeId => StepTypeIds.CaptureWindowsSettings;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Migrates(context, "MigrateComputerName"))
        {
            var name = RunningSystemSettings.HostName(systemRoot)
                       ?? throw new StepFailedException("the computer name cannot be captured (MigrateComputerName): the system has no /etc/hostname");
            variables[ApplyWindowsSettingsHandler.ComputerNameVariable] = name;
            context.Log.Line($"computer name {name} captured into {ApplyWindowsSettingsHandler.ComputerNameVariable}");
        }

        if (Migrates(context, "MigrateTimeZone"))
        {
            if (RunningSystemSettings.TimeZone(systemRoot) is { } zone)
            {
                variables[TimeZoneVariable] = zone;
                context.Log.Line($"time zone {zone} captured into {TimeZoneVariable}");
            }
            else
            {
                context.Log.Line("the system names no time zone (no /etc/timezone, /etc/localtime is no zone link): UTC applies, nothing captured");
            }
        }

        if (Migrates(context, "MigrateSystemLocale"))
        {
            if (RunningSystemSettings.Locale(systemRoot) is { } locale)
            {
                variables[LocaleVariable] = locale;
                context.Log.Line($"system locale {locale} captured into {LocaleVariable}");
            }
            else
            {
                context.Log.Line("the system sets no locale (no LANG in /etc/default/locale or /etc/locale.conf): nothing captured");
            }
        }

        if (Migrates(context, "MigrateRegistrationInfo"))
        {
            context.Log.Line("registered user and organization names (MigrateRegistrationInfo) do not exist on Linux: nothing captured");
        }

        return Task.FromResult(new WorkItemResult { ExitCode = 0, Variables = variables });
    }

    // The flags default to true, as in the catalog.
    private static bool Migrates(StepContext context, string flag) =>
        context.Setting(flag).Trim() is not { Length: > 0 } text || !bool.TryParse(text, out var value) || value;
}
