using System.CommandLine;

namespace TsOrchestrator.Cli.Tests;

/// <summary>Issue 17: <c>--json</c> on every command, so a script can drive all of tsorch without reading text.</summary>
public sealed class CommandTreeTests
{
    // No command is exempt: a command that writes a document (convert, export-elsa without -o) writes JSON already, and
    // one that changes something prints the server's resulting object or a small report of what it did. Add a command
    // here only with a comment saying why --json would mean nothing for it.
    private static readonly HashSet<string> Exempt = new(StringComparer.Ordinal);

    [Fact]
    public void Every_command_that_does_something_takes_json()
    {
        var root = CliApp.Build(new CliConsole(TextWriter.Null, TextWriter.Null));

        var runnable = Commands(root, "tsorch").Where(c => c.Command.Action is not null).ToList();
        var missing = runnable.Where(c => !c.Command.Options.Any(o => o.Name == "--json") && !Exempt.Contains(c.Path)).Select(c => c.Path).ToList();

        runnable.Count.ShouldBeGreaterThan(60, "the walk reaches the admin commands");
        missing.ShouldBeEmpty($"commands without --json: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_group_of_commands_only_shows_its_help()
    {
        var root = CliApp.Build(new CliConsole(TextWriter.Null, TextWriter.Null));

        // A group (ts, content, ...) that did something itself would need --json too.
        Commands(root, "tsorch").Where(c => c.Command.Subcommands.Count > 0 && c.Command is not RootCommand)
            .ShouldAllBe(c => c.Command.Action == null);
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path) =>
        command.Subcommands.SelectMany(sub => Commands(sub, $"{path} {sub.Name}")).Prepend((path, command));
}
