using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Domain.Tests.Conditions;

public sealed class ConditionEvaluatorTests
{
    private static readonly Dictionary<string, string> Variables = new(VariableName.Comparer)
    {
        ["_SMSTSLastActionSucceeded"] = "false",
        ["Model"] = "Latitude 7440",
        ["Memory"] = "16384",
        ["Blank"] = "",
        ["SystemDrive"] = "C:",
    };

    private static VariableCondition Var(string name, ConditionOperator op, string? value = null) => new() { Variable = name, Operator = op, Value = value };

    private static readonly Condition True = Var("Model", ConditionOperator.Exists);
    private static readonly Condition False = Var("Model", ConditionOperator.NotExists);
    private static readonly Condition Unknown = new WmiQueryCondition { Query = "SELECT * FROM Win32_Battery" };

    [Fact]
    public void Try_catch_condition_is_true_after_a_failed_action()
    {
        ConditionEvaluator.Evaluate(Var("_SMSTSLastActionSucceeded", ConditionOperator.Equals, "false"), Variables).ShouldBe(true);
    }

    [Theory]
    [InlineData(ConditionOperator.Exists, false)]
    [InlineData(ConditionOperator.NotExists, true)]
    [InlineData(ConditionOperator.Equals, false)]
    [InlineData(ConditionOperator.NotEquals, false)]
    [InlineData(ConditionOperator.Like, false)]
    [InlineData(ConditionOperator.Less, false)]
    public void Missing_variable_is_false_for_everything_but_not_exists(ConditionOperator op, bool expected)
    {
        ConditionEvaluator.Evaluate(Var("Absent", op, "x"), Variables).ShouldBe(expected);
    }

    [Fact]
    public void Variable_names_are_case_insensitive_and_values_compare_ignoring_case()
    {
        ConditionEvaluator.Evaluate(Var("MODEL", ConditionOperator.Equals, "latitude 7440"), Variables).ShouldBe(true);
    }

    [Fact]
    public void Equals_empty_string_matches_an_empty_value()
    {
        ConditionEvaluator.Evaluate(Var("Blank", ConditionOperator.Equals, ""), Variables).ShouldBe(true);
        ConditionEvaluator.Evaluate(Var("Blank", ConditionOperator.Exists), Variables).ShouldBe(true);
    }

    [Fact]
    public void Numeric_variables_order_as_numbers()
    {
        ConditionEvaluator.Evaluate(Var("Memory", ConditionOperator.GreaterEqual, "8192"), Variables).ShouldBe(true);
        ConditionEvaluator.Evaluate(Var("Memory", ConditionOperator.Less, "9000"), Variables).ShouldBe(false);
    }

    [Theory]
    [InlineData(IfKind.All, true, true, true)]
    [InlineData(IfKind.All, true, false, false)]
    [InlineData(IfKind.Any, false, true, true)]
    [InlineData(IfKind.Any, false, false, false)]
    [InlineData(IfKind.None, false, false, true)]
    [InlineData(IfKind.None, false, true, false)]
    public void If_statements_combine_as_all_any_and_none(IfKind kind, bool first, bool second, bool expected)
    {
        var statement = new IfStatement { Kind = kind, Conditions = [first ? True : False, second ? True : False] };

        ConditionEvaluator.Evaluate(statement, Variables).ShouldBe(expected);
    }

    [Fact]
    public void Empty_if_statements_are_all_true_any_false_none_true()
    {
        ConditionEvaluator.Evaluate(IfStatement.AllOf(), Variables).ShouldBe(true);
        ConditionEvaluator.Evaluate(IfStatement.AnyOf(), Variables).ShouldBe(false);
        ConditionEvaluator.Evaluate(IfStatement.NoneOf(), Variables).ShouldBe(true);
    }

    [Fact]
    public void If_statements_nest_to_any_depth()
    {
        var nested = IfStatement.AllOf(True, IfStatement.AnyOf(False, IfStatement.NoneOf(False, IfStatement.AllOf(False))));

        ConditionEvaluator.Evaluate(nested, Variables).ShouldBe(true);
    }

    [Fact]
    public void Without_a_device_device_conditions_are_unknown()
    {
        ConditionEvaluator.Evaluate(Unknown, Variables).ShouldBeNull();
    }

    [Fact]
    public void Without_a_device_known_parts_decide_where_they_can()
    {
        ConditionEvaluator.Evaluate(IfStatement.AllOf(Unknown, False), Variables).ShouldBe(false);
        ConditionEvaluator.Evaluate(IfStatement.AnyOf(Unknown, True), Variables).ShouldBe(true);
        ConditionEvaluator.Evaluate(IfStatement.NoneOf(Unknown, True), Variables).ShouldBe(false);
        ConditionEvaluator.Evaluate(IfStatement.AllOf(Unknown, True), Variables).ShouldBeNull();
        ConditionEvaluator.Evaluate(IfStatement.AnyOf(Unknown, False), Variables).ShouldBeNull();
    }

    [Fact]
    public void Os_version_condition_checks_platform_architecture_and_version()
    {
        var device = new FakeDeviceState { OsPlatform = "windows", Architecture = "x64", OsVersion = "10.0.22631" };

        ConditionEvaluator.Evaluate(new OsVersionCondition { Platform = "Windows", Version = "10.0.19045" }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new OsVersionCondition { Platform = "linux" }, Variables, device).ShouldBe(false);
        ConditionEvaluator.Evaluate(new OsVersionCondition { Architecture = "arm64" }, Variables, device).ShouldBe(false);
        ConditionEvaluator.Evaluate(new OsVersionCondition { Operator = ConditionOperator.Less, Version = "10.0.9200" }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Os_language_condition_compares_the_device_language()
    {
        var device = new FakeDeviceState { OsLanguage = "de-DE" };

        ConditionEvaluator.Evaluate(new OsLanguageCondition { Language = "de-de" }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new OsLanguageCondition { Language = "en-*", Operator = ConditionOperator.Like }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void File_condition_expands_variables_in_the_path_and_compares_version_and_timestamp()
    {
        var stamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var device = new FakeDeviceState();
        device.Files[@"C:\Windows\notepad.exe"] = ("10.0.22621.1", stamp);

        ConditionEvaluator.Evaluate(new FileCondition { Path = @"%SystemDrive%\Windows\notepad.exe" }, Variables, device).ShouldBe(true);
        device.QueriedPaths.ShouldContain(@"C:\Windows\notepad.exe");
        ConditionEvaluator.Evaluate(new FileCondition { Path = @"C:\Windows\notepad.exe", Version = "10.0.22000.0", VersionOperator = ConditionOperator.Greater }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new FileCondition { Path = @"C:\Windows\notepad.exe", Timestamp = stamp.AddDays(1), TimestampOperator = ConditionOperator.Less }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new FileCondition { Path = @"C:\Windows\notepad.exe", Timestamp = stamp.AddDays(1) }, Variables, device).ShouldBe(false);
        ConditionEvaluator.Evaluate(new FileCondition { Path = @"C:\missing.exe" }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Folder_condition_checks_existence_and_timestamp()
    {
        var stamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var device = new FakeDeviceState();
        device.Folders[@"C:\Temp"] = stamp;

        ConditionEvaluator.Evaluate(new FolderCondition { Path = @"%SystemDrive%\Temp" }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new FolderCondition { Path = @"C:\Temp", Timestamp = stamp.ToUniversalTime() }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new FolderCondition { Path = @"C:\Other" }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Registry_condition_tests_existence_and_compares_data()
    {
        var device = new FakeDeviceState();
        device.Registry[(@"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", "Ring")] = "2";

        ConditionEvaluator.Evaluate(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Ring" }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Other", Operator = ConditionOperator.NotExists }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Ring", Operator = ConditionOperator.GreaterEqual, Data = "10" }, Variables, device).ShouldBe(false);
        ConditionEvaluator.Evaluate(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Missing", Operator = ConditionOperator.Equals, Data = "" }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Wmi_condition_is_true_when_the_query_returns_a_row()
    {
        var device = new FakeDeviceState();
        device.WmiResults["SELECT * FROM Win32_Battery"] = true;

        ConditionEvaluator.Evaluate(Unknown, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new WmiQueryCondition { Query = "SELECT * FROM Win32_TPM" }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Failing_wmi_query_throws_unless_failure_is_ignored()
    {
        var device = new FakeDeviceState();
        device.WmiResults["bad"] = null;

        Should.Throw<ConditionEvaluationException>(() => ConditionEvaluator.Evaluate(new WmiQueryCondition { Query = "bad" }, Variables, device)).Message.ShouldContain("bad");
        ConditionEvaluator.Evaluate(new WmiQueryCondition { Query = "bad", IgnoreQueryFailure = true }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Installed_software_condition_asks_the_device()
    {
        var device = new FakeDeviceState();
        device.InstalledProducts.Add("{1E2D3C4B-5A69-4788-9766-554433221100}");

        ConditionEvaluator.Evaluate(new InstalledSoftwareCondition { ProductCode = "{1E2D3C4B-5A69-4788-9766-554433221100}" }, Variables, device).ShouldBe(true);
        ConditionEvaluator.Evaluate(new InstalledSoftwareCondition { ProductCode = "{00000000-0000-0000-0000-000000000000}" }, Variables, device).ShouldBe(false);
    }

    [Fact]
    public void Conditions_needing_a_device_say_so()
    {
        True.NeedsDevice.ShouldBeFalse();
        Unknown.NeedsDevice.ShouldBeTrue();
        IfStatement.AllOf(True, IfStatement.AnyOf(Unknown)).NeedsDevice.ShouldBeTrue();
    }
}
