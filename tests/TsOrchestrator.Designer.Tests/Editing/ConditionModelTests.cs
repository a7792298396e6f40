using TsOrchestrator.Designer.Editing;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Designer.Tests.Editing;

/// <summary>The condition builder's model without a browser: every kind loads into its form and saves back as it was.</summary>
public sealed class ConditionModelTests
{
    public static TheoryData<Condition> EveryDeviceKind() =>
    [
        new OsVersionCondition { Platform = "linux", Architecture = "arm64", Operator = ConditionOperator.Less, Version = "6.1" },
        new OsLanguageCondition { Language = "en-*", Operator = ConditionOperator.Like },
        new FileCondition { Path = "/etc/os-release", Version = "1.2", Timestamp = DateTimeOffset.UnixEpoch, TimestampOperator = ConditionOperator.Greater },
        new FolderCondition { Path = "/opt/contoso", Timestamp = DateTimeOffset.UnixEpoch },
        new RegistryCondition { KeyPath = @"HKLM\SOFTWARE\Contoso", ValueName = "Ring", ValueType = "REG_BINARY", Operator = ConditionOperator.Like, Data = "a*" },
        new WmiQueryCondition { Namespace = @"root\wmi", Query = "SELECT * FROM MSStorageDriver_FailurePredictStatus", IgnoreQueryFailure = true },
        new InstalledSoftwareCondition { UpgradeCode = "{8A2A1B52-0F5C-4B53-9C9B-1C2D3E4F5A6B}", AnyVersion = true },
    ];

    [Theory]
    [MemberData(nameof(EveryDeviceKind))]
    public void Every_device_condition_is_edited_in_its_own_form_and_saves_back_unchanged(Condition condition)
    {
        var model = ConditionModel.From(condition);

        model.Kind.ShouldNotBe(ConditionModelKind.Kept);
        model.ToCondition().ShouldBe(condition);
        model.Summary.ShouldBe(ConditionText.Describe(condition));
    }

    [Fact]
    public void Add_condition_offers_every_kind_the_domain_evaluates_and_each_starts_as_its_own_record()
    {
        var made = ConditionModel.AddableKinds.Select(k => ConditionModel.New(k).ToCondition().GetType()).ToList();

        made.ShouldBe([
            typeof(IfStatement), typeof(VariableCondition), typeof(OsVersionCondition), typeof(OsLanguageCondition), typeof(FileCondition),
            typeof(FolderCondition), typeof(RegistryCondition), typeof(WmiQueryCondition), typeof(InstalledSoftwareCondition),
        ]);
        ConditionModel.New(ConditionModelKind.Registry).ToCondition().ShouldBeOfType<RegistryCondition>().KeyPath.ShouldBe("HKEY_LOCAL_MACHINE");
        ConditionModel.New(ConditionModelKind.OsVersion).ToCondition().ShouldBeOfType<OsVersionCondition>().Platform.ShouldBe("windows");
    }

    [Fact]
    public void A_kind_no_agent_evaluates_says_so_and_one_every_agent_evaluates_says_nothing()
    {
        ConditionModel.New(ConditionModelKind.Wmi).CapabilityHint().ShouldBe("No agent evaluates Query WMI conditions yet: the step would fail on every device.");
        ConditionModel.New(ConditionModelKind.Software).CapabilityHint().ShouldNotBeNull().ShouldStartWith("Evaluated only by agents on linux");
        ConditionModel.New(ConditionModelKind.File).CapabilityHint().ShouldBeNull();
        ConditionModel.NewVariable().CapabilityHint().ShouldBeNull();
    }

    [Fact]
    public void The_tree_names_each_leaf_condition_of_nested_if_statements_in_order()
    {
        var model = ConditionModel.From(IfStatement.AllOf(
            new VariableCondition { Variable = "Lab", Value = "1" },
            IfStatement.AnyOf(new WmiQueryCondition { Query = "SELECT * FROM Win32_Battery" })));

        model.LeafSummaries().ShouldBe(["variable Lab equals 1", "WMI query SELECT * FROM Win32_Battery"]);
    }
}
