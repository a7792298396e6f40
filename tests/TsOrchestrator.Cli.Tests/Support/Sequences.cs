namespace TsOrchestrator.Cli.Tests.Support;

/// <summary>Small native files for the command tests.</summary>
internal static class Sequences
{
    public const string Small = """
        {
          "formatVersion": 1,
          "id": "TST00001",
          "name": "Small",
          "nodes": [
            {"kind": "group", "name": "G", "children": [
              {"kind": "step", "name": "First", "type": "RunCommandLine", "settings": {"CommandLine": "first"}},
              {"kind": "step", "name": "Off", "disabled": true, "type": "RunCommandLine", "settings": {"CommandLine": "off"}},
              {"kind": "step", "name": "Gated", "condition": {"type": "variable", "variable": "Missing", "operator": "exists"}, "type": "RunCommandLine", "settings": {"CommandLine": "gated"}}
            ]},
            {"kind": "step", "name": "Last",
              "type": "RunCommandLine",
              "settings": {"CommandLine": "last"}}
          ]
        }
        """;

    public const string WithFileCondition = """
        {"formatVersion": 1, "id": "TST00002", "name": "Device condition", "nodes": [
          {"kind": "step", "name": "Needs marker", "condition": {"type": "file", "path": "/etc/marker"}, "type": "RunShellScript", "settings": {"Script": "true"}}
        ]}
        """;

    public const string Child = """
        {"formatVersion": 1, "id": "CHILD001", "name": "Child", "nodes": [
          {"kind": "step", "name": "Child step", "type": "RunCommandLine", "settings": {"CommandLine": "child"}}
        ]}
        """;

    public const string Parent = """
        {"formatVersion": 1, "id": "PARENT01", "name": "Parent", "nodes": [
          {"kind": "step", "name": "Run child", "type": "RunTaskSequence", "settings": {"TsPackageID": "CHILD001"}}
        ]}
        """;
}
