using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.TaskSequences;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>... scopes &lt;id&gt; &lt;scope&gt;...</c>: Set Security Scopes, shared by every object kind that has them.</summary>
internal static class ScopesCommand
{
    public static Command Create(CliConsole console, string objectName,
        Func<IAdminApi, string, SetScopesRequest, CancellationToken, Task<(string Id, IReadOnlyList<string> Scopes)>> call)
    {
        var id = new Argument<string>("id") { Description = $"{objectName} id" };
        var scopes = new Argument<string[]>("scope") { Description = "Security scope names (replace the current ones)", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("scopes", $"Set the security scopes of a {objectName.ToLowerInvariant()} (Full Administrators only)") { id, scopes, json };
        command.SetAction(async (parse, ct) =>
        {
            var (objectId, now) = await call(AdminConnection.Connect(parse), parse.GetValue(id)!, new SetScopesRequest { Scopes = parse.GetValue(scopes)! }, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new ScopesReport(objectId, now), s => $"{s.Id} is in scopes {string.Join(", ", s.Scopes)}");
        });
        return command;
    }
}
