namespace TsOrchestrator.Domain.Catalog.Definitions;

/// <summary>Short factories that keep the catalog's definitions readable as tables.</summary>
internal static class Setting
{
    public static StepSettingDescriptor Text(string name, string display, bool required = false, string? defaultValue = null) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Text, Required = required, DefaultValue = defaultValue };

    public static StepSettingDescriptor Multiline(string name, string display, bool required = false) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.MultilineText, Required = required };

    public static StepSettingDescriptor Integer(string name, string display, string? defaultValue = null, bool required = false) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Number, DefaultValue = defaultValue, Required = required };

    public static StepSettingDescriptor Flag(string name, string display, bool defaultValue = false) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Boolean, DefaultValue = defaultValue ? "true" : "false" };

    public static StepSettingDescriptor Choice(string name, string display, string defaultValue, params string[] choices) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Choice, DefaultValue = defaultValue, Choices = choices };

    public static StepSettingDescriptor Password(string name, string display, string? account = null) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Password, Secret = true, AccountSetting = account };

    public static StepSettingDescriptor Path(string name, string display, bool required = false, string? defaultValue = null) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Path, Required = required, DefaultValue = defaultValue };

    public static StepSettingDescriptor Variable(string name, string display, bool required = false) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.VariableName, Required = required };

    public static StepSettingDescriptor Script(string name, string display, bool required = false) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Script, Required = required };

    public static StepSettingDescriptor Rules(string name, string display, bool required = false) =>
        new() { Name = name, DisplayName = display, Kind = SettingKind.Rules, Required = required };

    public static StepSettingDescriptor Reference(SettingKind kind, string name, string display, bool required = false) =>
        new() { Name = name, DisplayName = display, Kind = kind, Required = required };
}
