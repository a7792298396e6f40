using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Import;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Tests.Import;

public sealed class ConfigMgrXmlImporterTests
{
    private static TaskSequence Import(string body, string version = "3.10") =>
        ConfigMgrXmlImporter.Import($"<sequence version=\"{version}\">{body}</sequence>", "test.xml");

    [Fact]
    public void Groups_and_steps_import_in_document_order_to_any_depth()
    {
        var sequence = Import("""
            <group name="Outer" description="d" disable="true" continueOnError="true">
              <group name="Inner"><step type="SMS_TaskSequence_RunCommandLineAction" name="A"><action>a.exe</action></step></group>
              <step type="SMS_TaskSequence_RebootAction" name="B"><action>smsboot.exe</action></step>
            </group>
            <step type="SMS_TaskSequence_SetVariableAction" name="C"><action>tsenv.exe</action></step>
            """);

        var outer = sequence.Nodes[0].ShouldBeOfType<GroupNode>();
        outer.Disabled.ShouldBeTrue();
        outer.ContinueOnError.ShouldBeTrue();
        outer.Description.ShouldBe("d");
        outer.Children[0].ShouldBeOfType<GroupNode>().Children[0].Name.ShouldBe("A");
        ((StepNode)outer.Children[1]).Type.ShouldBe(StepTypeIds.RestartComputer);
        ((StepNode)sequence.Nodes[1]).Type.ShouldBe(StepTypeIds.SetTaskSequenceVariable);
    }

    [Fact]
    public void Step_children_are_matched_by_name_whatever_their_order()
    {
        var sequence = Import("""
            <step type="SMS_TaskSequence_RunCommandLineAction" name="A">
              <defaultVarList><variable name="CommandLine" property="CommandLine">run.cmd</variable></defaultVarList>
              <condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">X</variable><variable name="Operator">exists</variable></expression></condition>
              <action>ignored.exe</action>
            </step>
            """);

        var step = (StepNode)sequence.Nodes[0];
        step.Settings["CommandLine"].ShouldBe("run.cmd");
        step.Condition.ShouldBeOfType<VariableCondition>().Operator.ShouldBe(ConditionOperator.Exists);
        step.ImportedAction.ShouldBe("ignored.exe");
    }

    [Fact]
    public void Typeless_mdt_step_becomes_a_command_line_running_its_action()
    {
        var step = (StepNode)Import("""<step name="Tattoo" disable="false" continueOnError="false" successCodeList="0 3010"><action>cscript.exe "%SCRIPTROOT%\ZTITatoo.wsf"</action></step>""", "3.00").Nodes[0];

        step.Type.ShouldBe(StepTypeIds.RunCommandLine);
        step.Settings["CommandLine"].ShouldBe("""cscript.exe "%SCRIPTROOT%\ZTITatoo.wsf" """.TrimEnd());
        step.SuccessCodes.ShouldBe([0, 3010]);
    }

    [Fact]
    public void Unknown_step_type_keeps_its_type_variables_and_action()
    {
        var step = (StepNode)Import("""
            <step type="BDD_Gather" name="Gather local only">
              <defaultVarList><variable name="GatherLocalOnly" property="GatherLocalOnly">true</variable><variable name="RulesFile" property="RulesFile"></variable></defaultVarList>
              <action>cscript.exe "%SCRIPTROOT%\ZTIGather.wsf"</action>
            </step>
            """).Nodes[0];

        step.Type.ShouldBe(StepTypeIds.ImportedStep);
        step.Settings["OriginalType"].ShouldBe("BDD_Gather");
        step.Settings["GatherLocalOnly"].ShouldBe("true");
        step.Settings["RulesFile"].ShouldBe("");
        step.ImportedAction.ShouldBe("""cscript.exe "%SCRIPTROOT%\ZTIGather.wsf" """.TrimEnd());
    }

    [Fact]
    public void Subtasksequence_elements_import_as_run_task_sequence_steps()
    {
        var step = (StepNode)Import("""
            <subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Run child" successCodeList="0" retryCount="0" runFromNet="false">
              <action>SubTasksequence.exe</action>
              <defaultVarList><variable name="OSDSubTasksequencePackageID" property="TsPackageID">CHQ00013</variable></defaultVarList>
            </subtasksequence>
            """).Nodes[0];

        step.Type.ShouldBe(StepTypeIds.RunTaskSequence);
        step.Settings["TsPackageID"].ShouldBe("CHQ00013");
    }

    [Fact]
    public void Two_variables_for_one_parameter_keep_the_non_empty_value()
    {
        var step = (StepNode)Import("""
            <step type="SMS_TaskSequence_RebootAction" name="Restart">
              <defaultVarList><variable name="SMSRebootMessage" property="Message">Restarting</variable><variable name="Message" property="Message"></variable></defaultVarList>
              <action>smsboot.exe</action>
            </step>
            """).Nodes[0];

        step.Settings["Message"].ShouldBe("Restarting");
    }

    [Fact]
    public void Timeout_in_seconds_becomes_whole_minutes_rounded_up_and_retry_count_and_run_in_are_kept()
    {
        var step = (StepNode)Import("""<step type="SMS_TaskSequence_InstallSoftwareAction" name="I" timeout="90" retryCount="2" runIn="WinPE"><action>x</action></step>""").Nodes[0];

        step.TimeoutMinutes.ShouldBe(2);
        step.RetryOnUnexpectedRestart.ShouldBe(2);
        step.RunIn.ShouldBe(StepRunIn.BootImage);
    }

    [Fact]
    public void Empty_condition_means_no_condition_and_sibling_expressions_are_an_implicit_all()
    {
        var sequence = Import("""
            <group name="Empty"><condition/></group>
            <group name="Two"><condition>
              <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">A</variable><variable name="Operator">Equals</variable><variable name="Value">1</variable></expression>
              <expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\cimv2</variable><variable name="Query">SELECT * FROM Win32_Battery</variable></expression>
            </condition></group>
            """);

        sequence.Nodes[0].Condition.ShouldBeNull();
        var all = sequence.Nodes[1].Condition.ShouldBeOfType<IfStatement>();
        all.Kind.ShouldBe(IfKind.All);
        all.Conditions[0].ShouldBeOfType<VariableCondition>().Operator.ShouldBe(ConditionOperator.Equals);
        all.Conditions[1].ShouldBeOfType<WmiQueryCondition>().Query.ShouldBe("SELECT * FROM Win32_Battery");
    }

    [Fact]
    public void Operators_and_or_not_become_all_any_none_nested()
    {
        var condition = Import("""
            <step name="S"><action>x</action><condition><operator type="or">
              <operator type="and"><expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Query">Q1</variable></expression>
                <operator type="not"><expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Query">Q2</variable></expression></operator></operator>
              <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">V</variable><variable name="Operator">notExists</variable><variable name="Value" /></expression>
            </operator></condition></step>
            """).Nodes[0].Condition.ShouldBeOfType<IfStatement>();

        condition.Kind.ShouldBe(IfKind.Any);
        var and = condition.Conditions[0].ShouldBeOfType<IfStatement>();
        and.Kind.ShouldBe(IfKind.All);
        and.Conditions[1].ShouldBeOfType<IfStatement>().Kind.ShouldBe(IfKind.None);
        condition.Conditions[1].ShouldBeOfType<VariableCondition>().Operator.ShouldBe(ConditionOperator.NotExists);
    }

    [Fact]
    public void File_folder_registry_software_and_os_expressions_import_with_their_fields()
    {
        var all = Import("""
            <step name="S"><action>x</action><condition>
              <expression type="SMS_TaskSequence_FileConditionExpression"><variable name="Path">%windir%\a.dll</variable><variable name="Version">1.2.3.4</variable><variable name="VersionOperator">greaterEqual</variable></expression>
              <expression type="SMS_TaskSequence_FolderConditionExpression"><variable name="Path">C:\Data</variable></expression>
              <expression type="SMS_TaskSequence_RegistryConditionExpression"><variable name="KeyPath">HKEY_LOCAL_MACHINE\SOFTWARE\X</variable><variable name="Value">Build</variable><variable name="Type">REG_DWORD</variable><variable name="Operator">notExists</variable></expression>
              <expression type="SMS_TaskSequence_SoftwareConditionExpression"><variable name="Operator">AnyVersion</variable><variable name="ProductName">Contoso Agent</variable><variable name="UpgradeCode">{1}</variable></expression>
              <expression type="SMS_TaskSequence_OSConditionExpression"><variable name="Architecture">X64</variable><variable name="Version">6.10.7601.1</variable><variable name="Operator">greaterEqual</variable></expression>
            </condition></step>
            """).Nodes[0].Condition.ShouldBeOfType<IfStatement>().Conditions;

        all[0].ShouldBe(new FileCondition { Path = @"%windir%\a.dll", Version = "1.2.3.4", VersionOperator = ConditionOperator.GreaterEqual });
        all[1].ShouldBe(new FolderCondition { Path = @"C:\Data" });
        all[2].ShouldBe(new RegistryCondition { KeyPath = @"HKEY_LOCAL_MACHINE\SOFTWARE\X", ValueName = "Build", ValueType = "REG_DWORD", Operator = ConditionOperator.NotExists });
        all[3].ShouldBe(new InstalledSoftwareCondition { ProductName = "Contoso Agent", UpgradeCode = "{1}", AnyVersion = true });
        all[4].ShouldBe(new OsVersionCondition { Platform = "windows", Architecture = "x64", Version = "6.10.7601.1", Operator = ConditionOperator.GreaterEqual });
    }

    [Fact]
    public void Global_variables_seed_the_sequence()
    {
        var sequence = Import("""<globalVarList><variable name="OSGUID" property="OSGUID">{123}</variable></globalVarList>""", "3.00");

        sequence.Variables["OSGUID"].ShouldBe("{123}");
    }

    [Fact]
    public void Cim_object_wrapper_yields_the_package_id_name_and_embedded_sequence()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <INSTANCE CLASSNAME="SMS_TaskSequencePackage">
              <PROPERTY NAME="Name" TYPE="string"><VALUE>BIOS Update</VALUE></PROPERTY>
              <PROPERTY NAME="PackageID" TYPE="string"><VALUE>PS10026F</VALUE></PROPERTY>
              <PROPERTY NAME="BootImageID" TYPE="string"><VALUE>PS100005</VALUE></PROPERTY>
              <PROPERTY NAME="Sequence" TYPE="string"><VALUE><![CDATA[<sequence version="3.10"><step type="SMS_TaskSequence_RebootAction" name="Restart"><action>smsboot.exe</action></step></sequence>]]></VALUE></PROPERTY>
            </INSTANCE>
            """;

        var sequence = ConfigMgrXmlImporter.Import(xml, "object.xml");

        sequence.Id.ShouldBe("PS10026F");
        sequence.Name.ShouldBe("BIOS Update");
        sequence.Advanced.BootImageId.ShouldBe("PS100005");
        sequence.Nodes.Single().Name.ShouldBe("Restart");
    }

    [Fact]
    public void Sequence_nested_in_another_wrapper_is_found()
    {
        var sequence = ConfigMgrXmlImporter.Import("<SmsTaskSequencePackage><Name>X</Name><SequenceData><sequence><step name=\"A\"><action>a</action></step></sequence></SequenceData></SmsTaskSequencePackage>", "ts2007.xml");

        sequence.Nodes.Single().Name.ShouldBe("A");
        sequence.Id.ShouldBe("TS2007");
    }

    [Fact]
    public void Malformed_xml_is_reported_with_file_line_and_position()
    {
        var error = Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import("<sequence>\n  <group name=\"A\">\n</sequence>", "broken.xml"));

        error.Source.ShouldBe("broken.xml");
        error.Line.ShouldBe(3);
        error.Message.ShouldStartWith("broken.xml:3:");
    }

    [Fact]
    public void Document_without_a_sequence_is_refused_clearly()
    {
        Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import("<unattend><settings/></unattend>", "unattend.xml"))
            .Message.ShouldContain("no <sequence> element");
    }

    [Fact]
    public void Cim_object_that_is_not_a_task_sequence_is_refused_clearly()
    {
        Should.Throw<SequenceFormatException>(() => ConfigMgrXmlImporter.Import("<INSTANCE CLASSNAME=\"SMS_Package\"><PROPERTY NAME=\"Name\"><VALUE>x</VALUE></PROPERTY></INSTANCE>", "pkg.xml"))
            .Message.ShouldContain("no Sequence property");
    }

    [Fact]
    public void Unknown_condition_expression_type_is_refused_naming_it_and_its_line()
    {
        var error = Should.Throw<SequenceFormatException>(() => Import("<step name=\"S\"><action>x</action>\n<condition><expression type=\"SMS_TaskSequence_FutureExpression\"/></condition></step>"));

        error.Message.ShouldContain("SMS_TaskSequence_FutureExpression");
        error.Line.ShouldBe(2);
    }
}
