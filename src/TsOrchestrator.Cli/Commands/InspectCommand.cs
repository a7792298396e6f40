using System.CommandLine;
using System.Text.Json;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Cli.Commands;

/// <summary><c>tsorch inspect</c>: counts of groups, steps, disabled, continue-on-error and conditioned nodes, and step types.</summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.SequenceFile();
        var json = CommonOptions.Json();
        var command = new Command("inspect", "Count a task sequence's groups, steps, disabled and continue-on-error nodes, conditions and step types.")
        {
            file, json,
        };
        command.SetAction(parse =>
        {
            var statistics = SequenceStatistics.Of(SequenceFileReader.Read(parse.GetValue(file)!));
            if (parse.GetValue(json))
            {
                var report = new InspectReport(statistics.Name, statistics.Groups, statistics.Steps, statistics.DisabledNodes,
                    statistics.ContinueOnErrorNodes, statistics.Conditions, statistics.StepTypes);
                console.Output.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.InspectReport));
                return ExitCodes.Success;
            }

            console.Output.WriteLine(statistics.Name);
            console.Output.WriteLine($"  groups               {statistics.Groups}");
            console.Output.WriteLine($"  steps                {statistics.Steps}");
            console.Output.WriteLine($"  disabled nodes       {statistics.DisabledNodes}");
            console.Output.WriteLine($"  continue-on-error    {statistics.ContinueOnErrorNodes}");
            console.Output.WriteLine($"  with conditions      {statistics.Conditions}");
            foreach (var (type, count) in statistics.StepTypes)
            {
                console.Output.WriteLine($"  {count,5}  {type}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
