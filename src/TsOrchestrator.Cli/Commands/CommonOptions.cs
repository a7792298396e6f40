using System.CommandLine;

namespace TsOrchestrator.Cli.Commands;

/// <summary>Arguments and options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string> SequenceFile() => new("file")
    {
        Description = "A task sequence: native JSON (*.tsq.json) or ConfigMgr/MDT XML (ts.xml, object.xml), told apart by content",
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of text" };
}
