using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TsOrchestrator.Designer.Tests.Support;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using static Microsoft.Playwright.Assertions;

namespace TsOrchestrator.Designer.Tests.Editor;

[Collection(DesignerGroup.Name)]
public sealed class ConditionBuilderTests(DesignerFixture fixture)
{
    private static readonly RegistryCondition Ring = new()
    {
        KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", ValueName = "Ring", ValueType = "REG_DWORD", Operator = ConditionOperator.GreaterEqual, Data = "2",
    };

    private static readonly WmiQueryCondition Battery = new() { Query = "SELECT * FROM Win32_Battery" };

    private static readonly FileCondition Kernel = new()
    {
        Path = @"%windir%\system32\ntoskrnl.exe", Version = "10.0.19041.1", VersionOperator = ConditionOperator.GreaterEqual,
    };

    private static readonly OsVersionCondition Windows10 = new()
    {
        Platform = "windows", Architecture = "x64", Operator = ConditionOperator.GreaterEqual, Version = "10.0.19045",
    };

    [Fact]
    public async Task Registry_wmi_file_and_os_version_conditions_are_added_filled_saved_and_shown_again_after_a_reload()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Condition builder"), SequenceBuilder.Command("Gated", "echo gated")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await Expect(page.GetByTestId("mode")).ToHaveTextAsync("Editing");
        await OptionsOfAsync(page, "Gated");

        // Add Condition offers every kind Configuration Manager's menu does. Reading the options does not wait, so the
        // picker is waited for first (the Options tab renders after a round trip).
        await Expect(page.GetByLabel("Condition to add", new() { Exact = true })).ToBeVisibleAsync();
        (await page.GetByLabel("Condition to add", new() { Exact = true }).Locator("option").AllTextContentsAsync()).ShouldBe(
        [
            "If statement", "Task Sequence Variable", "Operating System Version", "Operating System Language", "File Properties", "Folder Properties",
            "Registry Setting", "Query WMI", "Installed Software",
        ]);
        await AddAsync(page, "If statement", "");
        var statement = page.GetByRole(AriaRole.Group, new() { Name = "If All statement" });

        await AddAsync(statement, "Registry Setting", " under this If All statement");
        var registry = page.GetByRole(AriaRole.Group, new() { Name = "Registry Setting condition" });
        await Expect(registry.GetByLabel("Root key")).ToHaveValueAsync("HKEY_LOCAL_MACHINE");
        await FillAsync(registry.GetByLabel("Key", new() { Exact = true }), @"SOFTWARE\Contoso");
        await FillAsync(registry.GetByLabel("Value name"), "Ring");
        await registry.GetByLabel("Value type").SelectOptionAsync("REG_DWORD");
        await registry.GetByLabel("Operator").SelectOptionAsync("GreaterEqual");
        await FillAsync(registry.GetByLabel("Value", new() { Exact = true }), "2");

        await AddAsync(statement, "Query WMI", " under this If All statement");
        var wmi = page.GetByRole(AriaRole.Group, new() { Name = "Query WMI condition" });
        await Expect(wmi.GetByLabel("WMI namespace")).ToHaveValueAsync(@"root\cimv2");
        await FillAsync(wmi.GetByLabel("WQL query"), "SELECT * FROM Win32_Battery");

        await AddAsync(statement, "File Properties", " under this If All statement");
        var file = page.GetByRole(AriaRole.Group, new() { Name = "File Properties condition" });
        await FillAsync(file.GetByLabel("Path"), @"%windir%\system32\ntoskrnl.exe");
        await FillAsync(file.GetByLabel("Version", new() { Exact = true }), "10.0.19041.1");
        await file.GetByLabel("Version operator").SelectOptionAsync("GreaterEqual");

        await AddAsync(statement, "Operating System Version", " under this If All statement");
        var os = page.GetByRole(AriaRole.Group, new() { Name = "Operating System Version condition" });
        await Expect(os.GetByLabel("Platform")).ToHaveValueAsync("windows");
        await os.GetByLabel("Architecture").SelectOptionAsync("x64");
        await FillAsync(os.GetByLabel("Version", new() { Exact = true }), "10.0.19045");

        // Each form says its condition in words, as the run inspection will; no problem is left.
        await Expect(registry.GetByTestId("condition-summary")).ToHaveTextAsync(@"registry HKEY_LOCAL_MACHINE\SOFTWARE\Contoso\Ring greater than or equals 2");
        await Expect(wmi.GetByTestId("condition-summary")).ToHaveTextAsync("WMI query SELECT * FROM Win32_Battery");
        await Expect(registry.GetByTestId("condition-capability")).ToContainTextAsync("No agent evaluates Registry Setting conditions yet");
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("No problems");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Gated, Run Command Line" }).GetByTestId("condition-badge"))
            .ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("WMI query SELECT \\* FROM Win32_Battery"));
        await fixture.ScreenshotAsync(page, "editor-condition-builder");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        var saved = (await fixture.GetSequenceAsync(id)).Nodes[0].ShouldBeOfType<StepNode>().Condition.ShouldBeOfType<IfStatement>();
        saved.Kind.ShouldBe(IfKind.All);
        saved.Conditions.ShouldBe([Ring, Battery, Kernel, Windows10]);

        await page.ReloadAsync();
        await OptionsOfAsync(page, "Gated");
        await Expect(registry.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync(@"SOFTWARE\Contoso");
        await Expect(registry.GetByLabel("Value type")).ToHaveValueAsync("REG_DWORD");
        await Expect(registry.GetByLabel("Value", new() { Exact = true })).ToHaveValueAsync("2");
        await Expect(wmi.GetByLabel("WQL query")).ToHaveValueAsync("SELECT * FROM Win32_Battery");
        await Expect(file.GetByLabel("Version operator")).ToHaveValueAsync("GreaterEqual");
        await Expect(os.GetByLabel("Architecture")).ToHaveValueAsync("x64");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_values_are_refused_at_the_field_in_the_console_words_and_the_server_does_not_save_them()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Condition refused"), SequenceBuilder.Command("Gated", "echo gated")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await OptionsOfAsync(page, "Gated");

        await AddAsync(page, "Query WMI", "");
        var wmi = page.GetByRole(AriaRole.Group, new() { Name = "Query WMI condition" });
        await Expect(wmi.GetByTestId("field-error")).ToHaveTextAsync("WQL query is required");
        await FillAsync(wmi.GetByLabel("WQL query"), "Win32_Battery");
        await Expect(wmi.GetByTestId("field-error")).ToHaveTextAsync("The WQL query is not valid: it must be SELECT ... FROM ... (or ASSOCIATORS OF / REFERENCES OF)");
        await Expect(wmi.GetByLabel("WQL query")).ToHaveAttributeAsync("aria-invalid", "true");

        // A second condition beside the first: both go under an If All, and each keeps its own messages.
        await AddAsync(page, "File Properties", " beside this one");
        var file = page.GetByRole(AriaRole.Group, new() { Name = "File Properties condition" });
        await Expect(file.GetByTestId("field-error")).ToHaveTextAsync("Path is required");
        await FillAsync(file.GetByLabel("Path"), @"C:\Windows\explorer.exe");
        await FillAsync(file.GetByLabel("Version", new() { Exact = true }), "ten");
        await Expect(file.GetByTestId("field-error")).ToHaveTextAsync("Version 'ten' is not a dotted version such as 10.0.19041.1");
        await Expect(wmi.GetByTestId("field-error")).ToHaveTextAsync("The WQL query is not valid: it must be SELECT ... FROM ... (or ASSOCIATORS OF / REFERENCES OF)");

        var statement = page.GetByRole(AriaRole.Group, new() { Name = "If All statement" });
        await AddAsync(statement, "Operating System Version", " under this If All statement");
        var os = page.GetByRole(AriaRole.Group, new() { Name = "Operating System Version condition" });
        await FillAsync(os.GetByLabel("Version", new() { Exact = true }), "10");
        await Expect(os.GetByTestId("field-error")).ToHaveTextAsync("'10' is not a dotted version such as 10.0.19045");

        // A whole key path pasted into Key sets the root key; a DWORD compares with whole numbers only.
        await AddAsync(statement, "Registry Setting", " under this If All statement");
        var registry = page.GetByRole(AriaRole.Group, new() { Name = "Registry Setting condition" });
        await FillAsync(registry.GetByLabel("Key", new() { Exact = true }), @"HKCU\Software\Contoso");
        await Expect(registry.GetByLabel("Root key")).ToHaveValueAsync("HKEY_CURRENT_USER");
        await Expect(registry.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync(@"Software\Contoso");
        await registry.GetByLabel("Value type").SelectOptionAsync("REG_DWORD");
        await registry.GetByLabel("Operator").SelectOptionAsync("Equals");
        await Expect(registry.GetByTestId("field-error")).ToHaveTextAsync("Value is required by the operator 'equals'");
        await FillAsync(registry.GetByLabel("Value", new() { Exact = true }), "fast");
        await Expect(registry.GetByTestId("field-error")).ToHaveTextAsync("Value 'fast' is not a whole number, as REG_DWORD needs");
        await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = "Gated, Run Command Line, 4 problems" })).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "editor-condition-refused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Not saved: the server found 4 problem(s)")).ToBeVisibleAsync();
        var stored = await fixture.GetSequenceAsync(id);
        stored.Version.ShouldBe(1);
        stored.Nodes[0].Condition.ShouldBeNull();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wmi_condition_is_added_and_filled_with_the_keyboard_alone()
    {
        var id = await fixture.CreateSequenceAsync(SequenceBuilder.With(SequenceBuilder.UniqueName("Condition keyboard"), SequenceBuilder.Command("Gated", "echo gated")));
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await OptionsOfAsync(page, "Gated");

        // The kind list answers typed letters (Q: Query WMI) without adding; the button adds; the new form takes the focus.
        await page.GetByLabel("Condition to add", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("q");
        await Expect(page.GetByLabel("Condition to add", new() { Exact = true })).ToHaveValueAsync("Wmi");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add condition", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var wmi = page.GetByRole(AriaRole.Group, new() { Name = "Query WMI condition" });
        await Expect(wmi.GetByTestId("condition-summary")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(wmi.GetByLabel("WMI namespace")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(wmi.GetByLabel("WQL query")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("SELECT * FROM Win32_TPM");
        await page.Keyboard.PressAsync("Tab");
        await Expect(wmi.GetByTestId("condition-summary")).ToHaveTextAsync("WMI query SELECT * FROM Win32_TPM");
        await page.Keyboard.PressAsync("Space");
        await Expect(wmi.GetByLabel("Treat a failing query as false")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("problem-count")).ToHaveTextAsync("No problems");

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        (await fixture.GetSequenceAsync(id)).Nodes[0].Condition.ShouldBe(new WmiQueryCondition { Query = "SELECT * FROM Win32_TPM", IgnoreQueryFailure = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_imported_configmgr_sequence_shows_its_device_conditions_in_their_forms_editable()
    {
        var name = SequenceBuilder.UniqueName("Imported conditions");
        var id = await ImportXmlAsync(name, $"""
            <sequence version="3.10" name="{name}">
              <step type="SMS_TaskSequence_RunCommandLineAction" name="Gated">
                <action>smsswd.exe /run: cmd /c echo gated</action>
                <defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c echo gated</variable></defaultVarList>
                <condition>
                  <expression type="SMS_TaskSequence_RegistryConditionExpression"><variable name="KeyPath">HKEY_LOCAL_MACHINE\SOFTWARE\Contoso</variable><variable name="Value">Ring</variable><variable name="Type">REG_SZ</variable><variable name="Operator">equals</variable><variable name="Data">fast</variable></expression>
                  <expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\cimv2</variable><variable name="Query">SELECT * FROM Win32_Battery</variable></expression>
                  <expression type="SMS_TaskSequence_FileConditionExpression"><variable name="Path">%windir%\explorer.exe</variable><variable name="Version">10.0.1</variable><variable name="VersionOperator">greaterEqual</variable></expression>
                  <expression type="SMS_TaskSequence_FolderConditionExpression"><variable name="Path">%ProgramFiles%\Contoso</variable></expression>
                  <expression type="SMS_TaskSequence_SoftwareConditionExpression"><variable name="Operator">AnyVersion</variable><variable name="ProductName">Contoso Agent</variable></expression>
                  <expression type="SMS_TaskSequence_OSConditionExpression"><variable name="Architecture">X64</variable><variable name="Version">10.0.19045</variable><variable name="Operator">greaterEqual</variable></expression>
                </condition>
              </step>
            </sequence>
            """);
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync($"/task-sequences/{id}/edit");
        await OptionsOfAsync(page, "Gated");

        var registry = page.GetByRole(AriaRole.Group, new() { Name = "Registry Setting condition" });
        await Expect(registry.GetByLabel("Root key")).ToHaveValueAsync("HKEY_LOCAL_MACHINE");
        await Expect(registry.GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync(@"SOFTWARE\Contoso");
        await Expect(registry.GetByLabel("Value", new() { Exact = true })).ToHaveValueAsync("fast");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Query WMI condition" }).GetByLabel("WQL query")).ToHaveValueAsync("SELECT * FROM Win32_Battery");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "File Properties condition" }).GetByLabel("Version", new() { Exact = true })).ToHaveValueAsync("10.0.1");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Folder Properties condition" }).GetByTestId("condition-summary"))
            .ToHaveTextAsync(@"folder %ProgramFiles%\Contoso");
        var software = page.GetByRole(AriaRole.Group, new() { Name = "Installed Software condition" });
        await Expect(software.GetByLabel("Match")).ToHaveValueAsync("any");
        await Expect(software.GetByLabel("Product name")).ToHaveValueAsync("Contoso Agent");
        var os = page.GetByRole(AriaRole.Group, new() { Name = "Operating System Version condition" });
        await Expect(os.GetByLabel("Platform")).ToHaveValueAsync("windows");
        await Expect(os.GetByLabel("Architecture")).ToHaveValueAsync("x64");
        await Expect(page.GetByText("kept as imported")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "editor-condition-imported");

        // Editable: a change in the registry form is what is saved, the other conditions as they were.
        await FillAsync(registry.GetByLabel("Value", new() { Exact = true }), "slow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Saved version 2")).ToBeVisibleAsync();
        var before = (await fixture.GetSequenceAsync(id)).Nodes[0].Condition.ShouldBeOfType<IfStatement>().Conditions;
        before[0].ShouldBeOfType<RegistryCondition>().Data.ShouldBe("slow");
        before[1].ShouldBe(Battery);
        before[3].ShouldBe(new FolderCondition { Path = @"%ProgramFiles%\Contoso" });
        before.Count.ShouldBe(6);
        await page.Context.CloseAsync();
    }

    private static async Task OptionsOfAsync(IPage page, string step)
    {
        await page.GetByRole(AriaRole.Treeitem, new() { Name = $"{step}, Run Command Line" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Options" }).ClickAsync();
    }

    private static async Task AddAsync(IPage page, string kind, string where)
    {
        await page.GetByLabel("Condition to add" + where, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add condition" + where, Exact = true }).ClickAsync();
    }

    private static async Task AddAsync(ILocator scope, string kind, string where)
    {
        await scope.GetByLabel("Condition to add" + where, new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Label = kind });
        await scope.GetByRole(AriaRole.Button, new() { Name = "Add condition" + where, Exact = true }).First.ClickAsync();
    }

    private static async Task FillAsync(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }

    // A ConfigMgr export written here, imported through the admin API as the console's Import does (no fixture file).
    private async Task<string> ImportXmlAsync(string name, string xml)
    {
        using var api = fixture.Server.Api();
        using var upload = await api.PostAsync(new Uri($"/api/v1/imports?fileName={Uri.EscapeDataString(name)}.xml", UriKind.Relative),
            new ByteArrayContent(Encoding.UTF8.GetBytes(xml)));
        var preview = await upload.Content.ReadAsStringAsync();
        upload.IsSuccessStatusCode.ShouldBeTrue(preview);
        var importId = JsonDocument.Parse(preview).RootElement.GetProperty("id").GetString()!;
        using var commit = await api.PostAsJsonAsync(new Uri($"/api/v1/imports/{importId}/commit", UriKind.Relative), new { });
        commit.IsSuccessStatusCode.ShouldBeTrue(await commit.Content.ReadAsStringAsync());
        return (await fixture.FindSequenceIdAsync(name)).ShouldNotBeNull();
    }
}
