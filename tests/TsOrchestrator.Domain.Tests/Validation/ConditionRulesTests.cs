using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Validation;
using static TsOrchestrator.Domain.Tests.Validation.Build;

namespace TsOrchestrator.Domain.Tests.Validation;

public sealed class ConditionRulesTests
{
    private static ValidationResult ValidateCondition(Condition condition) =>
        SequenceValidator.Validate(Sequence(CommandLine().WithCondition(condition)));

    [Fact]
    public void If_statement_without_conditions_is_an_error()
    {
        ValidateCondition(IfStatement.AnyOf()).ShouldHaveError("0", "condition").Message.ShouldContain("no conditions");
    }

    [Fact]
    public void Variable_condition_needs_a_valid_variable_name()
    {
        ValidateCondition(Variable("not valid")).ShouldHaveError("0", "condition.variable");
    }

    [Fact]
    public void Variable_condition_may_read_built_in_variables()
    {
        ValidateCondition(Variable("_SMSTSLastActionSucceeded", value: "false")).ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData(ConditionOperator.Equals)]
    [InlineData(ConditionOperator.Like)]
    [InlineData(ConditionOperator.GreaterEqual)]
    public void Comparing_operators_need_a_value(ConditionOperator op)
    {
        ValidateCondition(Variable("Model", op, value: null)).ShouldHaveError("0", "condition.value");
    }

    [Fact]
    public void Empty_string_is_a_valid_value_for_equals()
    {
        ValidateCondition(Variable("Model", ConditionOperator.Equals, value: "")).ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData(ConditionOperator.Exists)]
    [InlineData(ConditionOperator.NotExists)]
    public void Exists_operators_need_no_value(ConditionOperator op)
    {
        ValidateCondition(Variable("Model", op, value: null)).ShouldHaveNoProblems();
    }

    [Fact]
    public void File_and_folder_conditions_need_a_path()
    {
        var result = ValidateCondition(IfStatement.AllOf(new FileCondition { Path = "" }, new FolderCondition { Path = " " }));

        result.ShouldHaveError("0", "condition.conditions[0].path");
        result.ShouldHaveError("0", "condition.conditions[1].path");
    }

    [Fact]
    public void Registry_condition_needs_a_key()
    {
        ValidateCondition(new RegistryCondition { KeyPath = "" }).ShouldHaveError("0", "condition.keyPath");
    }

    [Fact]
    public void Registry_comparison_needs_data()
    {
        ValidateCondition(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Ring", Operator = ConditionOperator.Equals })
            .ShouldHaveError("0", "condition.data");
    }

    [Theory]
    [InlineData(@"SOFTWARE\Contoso")]
    [InlineData(@"HKEY_LOCAL_MACHINES\SOFTWARE")]
    public void Registry_key_without_a_root_key_is_an_error_naming_the_roots(string keyPath)
    {
        ValidateCondition(new RegistryCondition { KeyPath = keyPath }).ShouldHaveError("0", "condition.keyPath").Message
            .ShouldBe($"Key '{keyPath}' has no root key: it must start with HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, HKEY_CURRENT_CONFIG");
    }

    [Fact]
    public void Registry_root_key_alone_is_not_a_key()
    {
        ValidateCondition(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\" }).ShouldHaveError("0", "condition.keyPath").Message
            .ShouldBe("Key is required under the root key");
    }

    [Theory]
    [InlineData(@"HKEY_CURRENT_USER\Software\Contoso")]
    [InlineData(@"hklm\SOFTWARE\Contoso")]
    public void Registry_key_under_a_root_key_long_or_short_is_valid(string keyPath)
    {
        ValidateCondition(new RegistryCondition { KeyPath = keyPath }).ShouldHaveNoProblemAt("0", "condition.keyPath");
    }

    [Theory]
    [InlineData("REG_DWORD", "fast", false)]
    [InlineData("REG_QWORD", "0x10", false)]
    [InlineData("REG_DWORD", "2", true)]
    [InlineData("REG_DWORD", "%MinRing%", true)]
    [InlineData("REG_SZ", "fast", true)]
    public void Registry_number_value_types_compare_with_whole_numbers(string valueType, string data, bool valid)
    {
        var result = ValidateCondition(new RegistryCondition
        {
            KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Ring", ValueType = valueType, Operator = ConditionOperator.GreaterEqual, Data = data,
        });

        if (valid)
        {
            result.ShouldHaveNoProblemAt("0", "condition.data");
        }
        else
        {
            result.ShouldHaveError("0", "condition.data").Message.ShouldBe($"Value '{data}' is not a whole number, as {valueType} needs");
        }
    }

    [Theory]
    [InlineData("Win32_Battery")]
    [InlineData("SELECT * Win32_Battery")]
    [InlineData("DELETE FROM Win32_Battery")]
    [InlineData("SELECT * FROM")]
    public void Wmi_query_that_is_not_select_from_is_refused_in_the_console_words(string query)
    {
        ValidateCondition(new WmiQueryCondition { Query = query }).ShouldHaveError("0", "condition.query").Message
            .ShouldBe("The WQL query is not valid: it must be SELECT ... FROM ... (or ASSOCIATORS OF / REFERENCES OF)");
    }

    [Theory]
    [InlineData("SELECT * FROM Win32_Battery")]
    [InlineData("select Name from Win32_ComputerSystem where Model like '%Virtual%'")]
    [InlineData("  SELECT *\n  FROM Win32_TPM")]
    [InlineData("ASSOCIATORS OF {Win32_LogicalDisk.DeviceID='C:'}")]
    public void Wmi_data_queries_are_valid(string query)
    {
        ValidateCondition(new WmiQueryCondition { Query = query }).ShouldHaveNoProblemAt("0", "condition.query");
    }

    [Fact]
    public void Empty_wmi_query_is_said_once_in_the_console_words()
    {
        ValidateCondition(new WmiQueryCondition { Query = " " }).ShouldHaveError("0", "condition.query").Message.ShouldBe("WQL query is required");
    }

    [Theory]
    [InlineData("1.2.3.4", true)]
    [InlineData("10.0", true)]
    [InlineData("ten", false)]
    [InlineData("1.2.x", false)]
    public void File_version_when_given_must_be_a_dotted_version(string version, bool valid)
    {
        var result = ValidateCondition(new FileCondition { Path = @"%windir%\system32\ntoskrnl.exe", Version = version });

        if (valid)
        {
            result.ShouldHaveNoProblemAt("0", "condition.version");
        }
        else
        {
            result.ShouldHaveError("0", "condition.version").Message.ShouldBe($"Version '{version}' is not a dotted version such as 10.0.19041.1");
        }
    }

    [Fact]
    public void Wmi_condition_needs_a_query()
    {
        ValidateCondition(new WmiQueryCondition { Query = "" }).ShouldHaveError("0", "condition.query");
    }

    [Fact]
    public void Os_language_condition_needs_a_language()
    {
        ValidateCondition(new OsLanguageCondition { Language = "" }).ShouldHaveError("0", "condition.language");
    }

    [Fact]
    public void Installed_software_needs_a_product_code()
    {
        ValidateCondition(new InstalledSoftwareCondition { ProductName = "Contoso Agent" }).ShouldHaveError("0", "condition.productCode");
    }

    [Fact]
    public void Installed_software_of_any_version_needs_an_upgrade_code_or_product_name()
    {
        ValidateCondition(new InstalledSoftwareCondition { AnyVersion = true }).ShouldHaveError("0", "condition.productCode");
        ValidateCondition(new InstalledSoftwareCondition { AnyVersion = true, ProductName = "Contoso Agent" }).ShouldHaveNoProblems();
        ValidateCondition(new InstalledSoftwareCondition { AnyVersion = true, UpgradeCode = "{8A2A1B52-0F5C-4B53-9C9B-1C2D3E4F5A6B}" }).ShouldHaveNoProblems();
        ValidateCondition(new InstalledSoftwareCondition { ProductCode = "{1E2D3C4B-5A69-4788-9766-554433221100}" }).ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData("ten", false)]
    [InlineData("10", false)]
    [InlineData("10.0.19045", true)]
    [InlineData("10.00.0000.0", true)]
    public void Os_version_when_given_must_be_a_dotted_version(string version, bool valid)
    {
        var result = ValidateCondition(new OsVersionCondition { Platform = "windows", Version = version });

        if (valid)
        {
            result.ShouldHaveNoProblems();
        }
        else
        {
            result.ShouldHaveError("0", "condition.version").Message.ShouldContain(version);
        }
    }

    [Fact]
    public void Os_version_platform_when_given_must_be_known()
    {
        ValidateCondition(new OsVersionCondition { Platform = "amiga" }).ShouldHaveError("0", "condition.platform");
    }

    [Fact]
    public void Nested_condition_problems_point_at_the_exact_field()
    {
        var condition = IfStatement.AllOf(
            Variable("Ok"),
            IfStatement.AnyOf(
                new FileCondition { Path = @"C:\x" },
                IfStatement.NoneOf(Variable("Model", value: null)),
                IfStatement.AllOf()));

        var result = ValidateCondition(condition);

        result.ShouldHaveError("0", "condition.conditions[1].conditions[1].conditions[0].value");
        result.ShouldHaveError("0", "condition.conditions[1].conditions[2]");
        result.Problems.Count.ShouldBe(2);
    }

    [Fact]
    public void Group_conditions_are_validated_too()
    {
        var group = Group("Only on laptops", CommandLine()) with { Condition = new WmiQueryCondition { Query = " " } };

        SequenceValidator.Validate(Sequence(group)).ShouldHaveError("0", "condition.query");
    }
}
