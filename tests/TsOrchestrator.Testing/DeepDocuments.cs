using System.Text;

namespace TsOrchestrator.Testing;

/// <summary>Task sequence documents nested as deep as a test asks, as an attacker would write them: groups inside groups, if statements inside if statements.</summary>
public static class DeepDocuments
{
    /// <summary>ConfigMgr sequence XML with <paramref name="groups"/> groups nested inside one another around one step.</summary>
    public static string GroupsXml(int groups)
    {
        var xml = new StringBuilder("<sequence version=\"3.10\">", (groups * 15) + 200);
        for (var i = 0; i < groups; i++)
        {
            xml.Append("<group name=\"g\">");
        }

        xml.Append("<step type=\"SMS_TaskSequence_RunCommandLineAction\" name=\"s\"><action>cmd /c exit 0</action></step>");
        for (var i = 0; i < groups; i++)
        {
            xml.Append("</group>");
        }

        return xml.Append("</sequence>").ToString();
    }

    /// <summary>ConfigMgr sequence XML with one step whose condition nests <paramref name="ifStatements"/> and-operators.</summary>
    public static string ConditionsXml(int ifStatements)
    {
        var xml = new StringBuilder("<sequence version=\"3.10\"><step type=\"SMS_TaskSequence_RunCommandLineAction\" name=\"s\"><condition>");
        for (var i = 0; i < ifStatements; i++)
        {
            xml.Append("<operator type=\"and\">");
        }

        xml.Append("<expression type=\"SMS_TaskSequence_VariableConditionExpression\"><variable name=\"Variable\">A</variable>"
            + "<variable name=\"Operator\">equals</variable><variable name=\"Value\">1</variable></expression>");
        for (var i = 0; i < ifStatements; i++)
        {
            xml.Append("</operator>");
        }

        return xml.Append("</condition><action>cmd /c exit 0</action></step></sequence>").ToString();
    }

    /// <summary>A native document with <paramref name="groups"/> groups nested inside one another around one step.</summary>
    public static string GroupsJson(int groups, string id = "TS-DEEP")
    {
        var json = new StringBuilder($"{{\"formatVersion\":1,\"id\":\"{id}\",\"name\":\"Deep\",\"nodes\":[", (groups * 50) + 200);
        for (var i = 0; i < groups; i++)
        {
            json.Append("{\"kind\":\"group\",\"name\":\"g\",\"children\":[");
        }

        json.Append(Step);
        for (var i = 0; i < groups; i++)
        {
            json.Append("]}");
        }

        return json.Append("]}").ToString();
    }

    /// <summary>A native document with one step whose condition nests <paramref name="ifStatements"/> all-statements.</summary>
    public static string ConditionsJson(int ifStatements, string id = "TS-DEEP")
    {
        var condition = new StringBuilder();
        for (var i = 0; i < ifStatements; i++)
        {
            condition.Append("{\"type\":\"if\",\"kind\":\"all\",\"conditions\":[");
        }

        condition.Append("{\"type\":\"variable\",\"variable\":\"A\",\"operator\":\"equals\",\"value\":\"1\"}");
        for (var i = 0; i < ifStatements; i++)
        {
            condition.Append("]}");
        }

        return $"{{\"formatVersion\":1,\"id\":\"{id}\",\"name\":\"Deep\",\"nodes\":["
            + $"{{\"kind\":\"step\",\"name\":\"s\",\"condition\":{condition},\"type\":\"RunCommandLine\",\"settings\":{{\"CommandLine\":\"cmd /c exit 0\"}}}}]}}";
    }

    private const string Step = "{\"kind\":\"step\",\"name\":\"s\",\"type\":\"RunCommandLine\",\"settings\":{\"CommandLine\":\"cmd /c exit 0\"}}";
}
