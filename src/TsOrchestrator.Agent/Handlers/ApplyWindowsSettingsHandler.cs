using System.Security.Cryptography;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Apply Windows Settings, in its Linux meaning, written into the applied system (never the running one): the
/// computer name (<c>OSDComputerName</c>, else the step's ComputerName) to /etc/hostname and /etc/hosts, the time zone
/// (<c>OSDTimeZone</c>, else TimeZone: a Windows name mapped to IANA, or an IANA name), the system locale
/// (<c>OSDSystemLocale</c>, else SystemLocale), and the local administrator: root's password
/// set (SHA-512 crypt, hashed in this process: the password is never on a command line or in a log), or locked when
/// the step says Random or Disable (Configuration Manager disables the account in both cases). Registered user and
/// organisation names and the product key have no meaning on Linux: the step says so in its log and validation warns.
/// </summary>
internal sealed class ApplyWindowsSettingsHandler(TimeProvider? clock = null) : IStepHandler
{
    public const string ComputerNameVariable = "OSDComputerName";
    private const string Step = "Apply Windows Settings";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string TypeId => StepTypeIds.ApplyWindowsSettings;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        // Every value is checked before anything is written, so a bad one leaves the target as it was.
        var name = ComputerName(context);
        if (name is not null)
        {
            HostName.Check(name.Value.Name, name.Value.Field);
        }

        var mode = context.Setting("AdminPasswordMode") is { Length: > 0 } chosen ? chosen : "Random";
        if (mode is not ("Random" or "Specify" or "Disable"))
        {
            throw new StepFailedException($"the local administrator setting (AdminPasswordMode) is '{mode}': give Random, Specify or Disable");
        }

        var password = context.Setting("AdminPassword");
        if (mode == "Specify" && password.Length == 0)
        {
            throw new StepFailedException("the local administrator password is to be specified (AdminPasswordMode Specify) but AdminPassword is empty");
        }

        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);
        if (!TargetPath.Exists(root, "/etc/shadow"))
        {
            throw new StepFailedException($"the applied system {root} has no /etc/shadow: is an operating system applied there?");
        }

        // A captured value (Capture Windows Settings) overrides the step's own, as Configuration Manager's action variables do.
        var (zone, zoneField) = VariableOrSetting(context, CaptureWindowsSettingsHandler.TimeZoneVariable, "TimeZone");
        var iana = zone.Length > 0 ? TimeZoneSetting.Resolve(root, zone, zoneField) : null;
        var (locale, localeField) = VariableOrSetting(context, CaptureWindowsSettingsHandler.LocaleVariable, "SystemLocale");
        var posix = locale.Length > 0 ? LocaleSetting.Resolve(locale, localeField) : null;

        if (name is { } computer)
        {
            HostName.Write(root, computer.Name);
            context.Log.Line($"computer name {computer.Name} ({computer.Field}) written to /etc/hostname and /etc/hosts");
        }

        if (iana is not null)
        {
            TimeZoneSetting.Write(root, iana);
            context.Log.Line($"time zone {zone} is {iana}: /etc/localtime and /etc/timezone written");
        }

        if (posix is not null)
        {
            LocaleSetting.Write(root, posix);
            context.Log.Line($"system locale {locale} is {posix}: /etc/default/locale written (the image needs the locale generated, e.g. locales-all)");
        }

        SetAdministrator(root, mode, password, context.Log);
        foreach (var field in new[] { "RegisteredUserName", "RegisteredOrgName", "ProductKey" })
        {
            if (context.Setting(field).Length > 0)
            {
                context.Log.Line($"{field} has no meaning on Linux: not applied");
            }
        }

        return new WorkItemResult { ExitCode = 0 };
    }

    private static (string Value, string Field) VariableOrSetting(StepContext context, string variable, string setting) =>
        context.Variables.TryGetValue(variable, out var value) && value.Trim().Length > 0
            ? (value.Trim(), variable)
            : (context.Setting(setting).Trim(), setting);

    private static (string Name, string Field)? ComputerName(StepContext context)
    {
        if (context.Variables.TryGetValue(ComputerNameVariable, out var variable) && variable.Trim().Length > 0)
        {
            return (variable.Trim(), ComputerNameVariable);
        }

        return context.Setting("ComputerName").Trim() is { Length: > 0 } setting ? (setting, "ComputerName") : null;
    }

    private void SetAdministrator(string root, string mode, string password, StepLog log)
    {
        var days = _clock.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        switch (mode)
        {
            case "Specify":
                ShadowFile.SetPassword(root, "root", ShaCrypt.Hash(password, ShaCrypt.NewSalt()), days);
                log.Line("root's password set from the step's administrator password (SHA-512)");
                break;
            case "Random":
                // A password nobody knows, locked as well: Configuration Manager's random password disables the account.
                var random = RandomNumberGenerator.GetHexString(32);
                ShadowFile.SetPassword(root, "root", "!" + ShaCrypt.Hash(random, ShaCrypt.NewSalt()), days);
                log.Line("root's password set to a random one and locked (AdminPasswordMode Random)");
                break;
            default:
                var current = ShadowFile.Password(root, "root") ?? "";
                ShadowFile.SetPassword(root, "root", current.StartsWith('!') ? current : "!" + current, days);
                log.Line("root's password locked (AdminPasswordMode Disable)");
                break;
        }
    }
}
