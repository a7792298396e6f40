using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// An editable condition: an If statement (All/Any/None over children), a variable test, or one of the device
/// conditions (operating system, files, folders, registry, WMI, installed software), which the form edits as a whole
/// record: each change replaces <see cref="Device"/>, so what is saved is always a condition the domain knows.
/// </summary>
public sealed class ConditionModel
{
    public ConditionModelKind Kind { get; init; }
    public IfKind IfKind { get; set; } = IfKind.All;
    public List<ConditionModel> Children { get; } = [];
    public string Variable { get; set; } = "";
    public ConditionOperator Operator { get; set; } = ConditionOperator.Equals;
    public string Value { get; set; } = "";

    /// <summary>The device condition a form of its kind edits; null for If statements and variable conditions.</summary>
    public Condition? Device { get; set; }

    /// <summary>Added by the user just now: its form takes the focus once, so the keyboard goes on into its fields.</summary>
    public bool TakesFocus { get; set; }

    /// <summary>The kinds "Add condition" offers, in the console's order.</summary>
    public static IReadOnlyList<ConditionModelKind> AddableKinds { get; } =
    [
        ConditionModelKind.If, ConditionModelKind.Variable, ConditionModelKind.OsVersion, ConditionModelKind.OsLanguage, ConditionModelKind.File,
        ConditionModelKind.Folder, ConditionModelKind.Registry, ConditionModelKind.Wmi, ConditionModelKind.Software,
    ];

    public static ConditionModel NewIf(IfKind kind = IfKind.All) => new() { Kind = ConditionModelKind.If, IfKind = kind };

    public static ConditionModel NewVariable() => new() { Kind = ConditionModelKind.Variable };

    /// <summary>A new condition of the kind, with the console's defaults (an OS version on Windows, a key under HKEY_LOCAL_MACHINE).</summary>
    public static ConditionModel New(ConditionModelKind kind)
    {
        var model = Default(kind);
        model.TakesFocus = model.Device is not null;
        return model;
    }

    private static ConditionModel Default(ConditionModelKind kind) => kind switch
    {
        ConditionModelKind.If => NewIf(),
        ConditionModelKind.Variable => NewVariable(),
        ConditionModelKind.OsVersion => new() { Kind = kind, Device = new OsVersionCondition { Platform = "windows" } },
        ConditionModelKind.OsLanguage => new() { Kind = kind, Device = new OsLanguageCondition { Language = "" } },
        ConditionModelKind.File => new() { Kind = kind, Device = new FileCondition { Path = "" } },
        ConditionModelKind.Folder => new() { Kind = kind, Device = new FolderCondition { Path = "" } },
        ConditionModelKind.Registry => new() { Kind = kind, Device = new RegistryCondition { KeyPath = RegistryRootKeys.LocalMachine } },
        ConditionModelKind.Wmi => new() { Kind = kind, Device = new WmiQueryCondition { Query = "" } },
        ConditionModelKind.Software => new() { Kind = kind, Device = new InstalledSoftwareCondition() },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind the builder adds"),
    };

    public static ConditionModel From(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        switch (condition)
        {
            case IfStatement statement:
                var model = NewIf(statement.Kind);
                model.Children.AddRange(statement.Conditions.Select(From));
                return model;
            case VariableCondition variable:
                return new ConditionModel
                {
                    Kind = ConditionModelKind.Variable, Variable = variable.Variable, Operator = variable.Operator, Value = variable.Value ?? "",
                };
            default:
                return new ConditionModel { Kind = KindOf(condition), Device = condition };
        }
    }

    public Condition ToCondition() => Kind switch
    {
        ConditionModelKind.If => new IfStatement { Kind = IfKind, Conditions = [.. Children.Select(c => c.ToCondition())] },
        ConditionModelKind.Variable => new VariableCondition
        {
            Variable = Variable.Trim(),
            Operator = Operator,
            Value = Operator is ConditionOperator.Exists or ConditionOperator.NotExists ? null : Value,
        },
        _ => Device!,
    };

    /// <summary>How many conditions this one counts, itself included.</summary>
    public int Count => Kind == ConditionModelKind.If ? 1 + Children.Sum(c => c.Count) : 1;

    /// <summary>The condition in words (<see cref="ConditionText"/>), as the run inspection names it.</summary>
    public string Summary => ConditionText.Describe(ToCondition());

    /// <summary>The one-line summaries of every condition that is not an If statement, in tree order.</summary>
    public IEnumerable<string> LeafSummaries() =>
        Kind == ConditionModelKind.If ? Children.SelectMany(c => c.LeafSummaries()) : [Summary];

    /// <summary>The kind's name in Configuration Manager's Add Condition menu.</summary>
    public static string KindName(ConditionModelKind kind) => kind switch
    {
        ConditionModelKind.If => "If statement",
        ConditionModelKind.Variable => "Task Sequence Variable",
        ConditionModelKind.OsVersion => "Operating System Version",
        ConditionModelKind.OsLanguage => "Operating System Language",
        ConditionModelKind.File => "File Properties",
        ConditionModelKind.Folder => "Folder Properties",
        ConditionModelKind.Registry => "Registry Setting",
        ConditionModelKind.Wmi => "Query WMI",
        ConditionModelKind.Software => "Installed Software",
        _ => "Condition",
    };

    /// <summary>
    /// Where agents evaluate this kind, from the capability profiles (null for the kinds the engine evaluates): the
    /// same truth validation warns from, said beside the form.
    /// </summary>
    public string? CapabilityHint()
    {
        if (Device is null || Kind == ConditionModelKind.Kept)
        {
            return null;
        }

        var kind = ConditionKinds.Of(Device);
        var where = CapabilityProfiles.All.Where(p => p.CanEvaluate(kind)).Select(p => p.Where).ToList();
        if (where.Count == CapabilityProfiles.All.Count)
        {
            return null;
        }

        return where.Count == 0
            ? $"No agent evaluates {KindName(Kind)} conditions yet: the step would fail on every device."
            : $"Evaluated only by agents on {string.Join(", ", where)}.";
    }

    private static ConditionModelKind KindOf(Condition condition) => condition switch
    {
        OsVersionCondition => ConditionModelKind.OsVersion,
        OsLanguageCondition => ConditionModelKind.OsLanguage,
        FileCondition => ConditionModelKind.File,
        FolderCondition => ConditionModelKind.Folder,
        RegistryCondition => ConditionModelKind.Registry,
        WmiQueryCondition => ConditionModelKind.Wmi,
        InstalledSoftwareCondition => ConditionModelKind.Software,
        _ => ConditionModelKind.Kept,
    };
}
