using CsCheck;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Tests.Serialization;

/// <summary>
/// CsCheck generators of task sequences: nested groups, steps of every catalog type with settings,
/// every condition kind nested, and all sequence properties. Values include text that JSON must escape.
/// </summary>
internal static class SequenceGenerators
{
    // Fragments rather than single random chars: lone surrogates are not text, but everything here must survive.
    private static readonly string[] Fragments =
        ["a", "Z", "0", "7", " ", "-", "_", ".", "%", "%OSDisk%", "\"", "\\", "/", "\n", "\r\n", "\t", "<", ">", "&", "'", "é", "€", "日本", "😀", "\u0001", "C:\\Windows", "true"];

    private static readonly char[] NameStart = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];
    private static readonly char[] NameRest = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"];

    public static Gen<string> Text(int maxFragments) =>
        Gen.OneOf(Fragments).Array[0, maxFragments].Select(static parts => string.Concat(parts));

    public static Gen<string> NonEmptyText(int maxFragments) =>
        Gen.OneOf(Fragments).Array[1, maxFragments].Select(static parts => string.Concat(parts));

    public static Gen<string> VariableName { get; } =
        Gen.Select(Gen.OneOf(NameStart), Gen.OneOf(NameRest).Array[0, 12], static (first, rest) => first + new string(rest));

    public static Gen<DateTimeOffset> Timestamp { get; } =
        Gen.Select(Gen.Long[0, 3_000_000_000L * TimeSpan.TicksPerSecond / 10], Gen.Int[-14 * 4, 14 * 4],
            static (ticks, quarterHours) => new DateTimeOffset(new DateTime(630_000_000_000_000_000L + ticks, DateTimeKind.Unspecified), TimeSpan.FromMinutes(quarterHours * 15)));

    private static Gen<Condition> LeafCondition { get; } = Gen.OneOf<Condition>(
        Gen.Select(VariableName, Gen.Enum<ConditionOperator>(), Gen.Null(Text(3), 0.2),
            static (name, op, value) => (Condition)new VariableCondition { Variable = name, Operator = op, Value = value }),
        Gen.Select(Gen.Null(Gen.OneOf("windows", "linux", "macos"), 0.3), Gen.Null(Gen.OneOf("x64", "arm64"), 0.5), Gen.Enum<ConditionOperator>(), Gen.Null(Gen.OneOf("10.0", "10.0.19045", "6.1.7601.0"), 0.3),
            static (platform, arch, op, version) => (Condition)new OsVersionCondition { Platform = platform, Architecture = arch, Operator = op, Version = version }),
        Gen.Select(Gen.Enum<ConditionOperator>(), Gen.OneOf("en-US", "de-DE", "ja-JP"),
            static (op, language) => (Condition)new OsLanguageCondition { Operator = op, Language = language }),
        Gen.Select(NonEmptyText(4), Gen.Null(Gen.OneOf("1.0", "10.0.19041.1"), 0.5), Gen.Enum<ConditionOperator>(), Gen.Nullable(Timestamp, 0.5), Gen.Enum<ConditionOperator>(),
            static (path, version, versionOp, stamp, stampOp) => (Condition)new FileCondition { Path = path, Version = version, VersionOperator = versionOp, Timestamp = stamp, TimestampOperator = stampOp }),
        Gen.Select(NonEmptyText(4), Gen.Nullable(Timestamp, 0.5), Gen.Enum<ConditionOperator>(),
            static (path, stamp, op) => (Condition)new FolderCondition { Path = path, Timestamp = stamp, TimestampOperator = op }),
        Gen.Select(NonEmptyText(4), Gen.Null(Text(2), 0.3), Gen.Enum<ConditionOperator>(), Gen.OneOf("REG_SZ", "REG_DWORD", "REG_EXPAND_SZ"), Gen.Null(Text(2), 0.3),
            static (key, value, op, type, data) => (Condition)new RegistryCondition { KeyPath = key, ValueName = value, Operator = op, ValueType = type, Data = data }),
        Gen.Select(Gen.OneOf(@"root\cimv2", @"root\wmi"), NonEmptyText(5), Gen.Bool,
            static (ns, query, ignore) => (Condition)new WmiQueryCondition { Namespace = ns, Query = query, IgnoreQueryFailure = ignore }),
        Gen.Select(Gen.Null(Gen.OneOf("{1E2D3C4B-5A69-4788-9766-554433221100}"), 0.4), Gen.Null(Gen.OneOf("{8A2A1B52-0F5C-4B53-9C9B-1C2D3E4F5A6B}"), 0.4), Gen.Null(Text(3), 0.4), Gen.Null(Gen.OneOf("1.2.3"), 0.5), Gen.Bool,
            static (product, upgrade, name, version, any) => (Condition)new InstalledSoftwareCondition { ProductCode = product, UpgradeCode = upgrade, ProductName = name, Version = version, AnyVersion = any }));

    public static Gen<Condition> Condition { get; } = Gen.Recursive<Condition>((depth, self) =>
        depth >= 4
            ? LeafCondition
            : Gen.Frequency(
                (5, LeafCondition),
                (2, Gen.Select(Gen.Enum<IfKind>(), self.Array[0, 3], static (kind, children) => (Condition)new IfStatement { Kind = kind, Conditions = children }))));

    /// <summary>Settings of a catalog type: a random subset of its settings, plus free names for imported steps.</summary>
    private static Gen<Dictionary<string, string>> SettingsOf(StepTypeDescriptor descriptor)
    {
        var known = descriptor.Settings.Select(static s => s.Name).ToArray();
        var names = descriptor.TypeId == StepTypeIds.ImportedStep
            ? Gen.Select(VariableName.Array[0, 4], static extra => extra.Prepend("OriginalType").ToArray())
            : Gen.Const(known).Select(static all => all).SelectMany(all => Gen.Bool.Array[all.Length].Select(pick => all.Where((_, i) => pick[i]).ToArray()));
        return names.SelectMany(chosen => Text(4).Array[chosen.Length].Select(values =>
        {
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < chosen.Length; i++)
            {
                settings.TryAdd(chosen[i], values[i]);
            }

            return settings;
        }));
    }

    /// <summary>The properties every node has, carried in a group so that steps can copy them.</summary>
    private static Gen<GroupNode> NodeBase { get; } = Gen.Select(
        Gen.Null(VariableName, 0.5), NonEmptyText(6), Gen.Null(Text(6), 0.6), Gen.Bool, Gen.Bool, Gen.Null(Condition, 0.6),
        static (id, name, description, disabled, continueOnError, condition) => new GroupNode
        {
            Id = id,
            Name = name,
            Description = description,
            Disabled = disabled,
            ContinueOnError = continueOnError,
            Condition = condition,
        });

    private static Gen<StepNode> Step { get; } =
        Gen.OneOf(StepCatalog.All.ToArray()).SelectMany(descriptor => Gen.Select(
            NodeBase,
            SettingsOf(descriptor),
            Gen.Null(Gen.Int[-5, 5000].Array[0, 4], 0.5),
            Gen.Nullable(Gen.Int[0, 999], 0.5),
            Gen.Nullable(Gen.Int[0, 5], 0.5),
            Gen.Enum<StepRunIn>(),
            Gen.Null(Text(4), 0.7),
            (node, settings, codes, timeout, retries, runIn, action) => new StepNode
            {
                Id = node.Id,
                Name = node.Name,
                Description = node.Description,
                Disabled = node.Disabled,
                ContinueOnError = node.ContinueOnError,
                Condition = node.Condition,
                Type = descriptor.TypeId,
                Settings = settings,
                SuccessCodes = codes,
                TimeoutMinutes = timeout,
                RetryOnUnexpectedRestart = retries,
                RunIn = runIn,
                ImportedAction = action,
            }));

    public static Gen<TaskSequenceNode> Node { get; } = Gen.Recursive<TaskSequenceNode>((depth, self) =>
        depth >= 3
            ? Step.Select(static s => (TaskSequenceNode)s)
            : Gen.Frequency(
                (3, Step.Select(static s => (TaskSequenceNode)s)),
                (1, Gen.Select(NodeBase, self.Array[0, 4], static (group, children) => (TaskSequenceNode)(group with { Children = children })))));

    private static Gen<AdvancedProperties> Advanced { get; } = Gen.Select(
        Gen.Null(Gen.Select(VariableName, NonEmptyText(3), static (package, program) => new RunFirstProgram { PackageId = package, ProgramName = program }), 0.6),
        Gen.Bool,
        Gen.Int[0, 1440],
        Gen.Null(VariableName, 0.5),
        Gen.Bool,
        Gen.Select(Gen.OneOf("windows", "linux", "macos"), Gen.Null(Gen.OneOf("10.0.2", "22.04"), 0.5), Gen.Null(Gen.OneOf("x64", "x86", "arm64"), 0.5),
            static (os, version, arch) => new SupportedPlatform { Os = os, Version = version, Architecture = arch }).Array[0, 3],
        static (first, suppress, maxRun, boot, any, platforms) => new AdvancedProperties
        {
            RunAnotherProgramFirst = first,
            SuppressNotifications = suppress,
            MaximumRunTimeMinutes = maxRun,
            BootImageId = boot,
            RunOnAnyPlatform = any,
            Platforms = platforms,
        });

    private static Gen<UserNotificationProperties> Notification { get; } = Gen.Select(
        Gen.Bool, Gen.Bool, Gen.Null(Text(4), 0.4), Gen.Null(Text(4), 0.4), Gen.Null(Text(4), 0.4), Gen.Null(Text(4), 0.4),
        static (high, custom, headline, m1, m2, m3) => new UserNotificationProperties
        {
            HighImpact = high, UseCustomText = custom, Headline = headline, Message1 = m1, Message2 = m2, Message3 = m3,
        });

    private static Gen<SoftwareCenterProperties> SoftwareCenter { get; } = Gen.Select(
        Gen.Bool, Gen.Nullable(Gen.Int[0, 100_000], 0.5), Gen.Nullable(Gen.Int[0, 1000], 0.5),
        static (restart, size, minutes) => new SoftwareCenterProperties { RestartRequired = restart, DownloadSizeMb = size, EstimatedRunTimeMinutes = minutes });

    private static Gen<Dictionary<string, string>> Variables { get; } =
        Gen.Select(VariableName, Text(5)).Array[0, 5].Select(static pairs =>
        {
            var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in pairs)
            {
                variables.TryAdd(name, value);
            }

            return variables;
        });

    public static Gen<TaskSequence> Sequence { get; } = Gen.Select(
        Gen.Select(VariableName, NonEmptyText(6), Gen.Null(Text(8), 0.5), Gen.Int[1, 500], Gen.Null(Gen.OneOf("Deploy", "Deploy/Windows 11", "Lab"), 0.5), Gen.Bool),
        Gen.Select(SoftwareCenter, Advanced, Notification, Gen.Bool.Select(static plan => new PerformanceProperties { UseHighPerformancePowerPlan = plan })),
        Variables,
        Node.Array[0, 5],
        static (header, tabs, variables, nodes) => new TaskSequence
        {
            Id = header.Item1,
            Name = header.Item2,
            Description = header.Item3,
            Version = header.Item4,
            Folder = header.Item5,
            Enabled = header.Item6,
            SoftwareCenter = tabs.Item1,
            Advanced = tabs.Item2,
            UserNotification = tabs.Item3,
            Performance = tabs.Item4,
            Variables = variables,
            Nodes = nodes,
        });
}
