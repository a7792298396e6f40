using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.TaskSequences;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>... scopes &lt;id&gt; &lt;scope&gt;...</c>: Set Security Scopes, shared by every object kind that has them.</summary>
internal static class ScopesCommand
{
    /// <summary><paramref name="scoped"/> reads the id and scopes out of the server's answer, which <c>--json</c> prints whole.</summary>
    public static Command Create<T>(CliConsole console, string objectName,
        Func<IAdminApi, string, SetScopesRequest, CancellationToken, Task<T>> call, Func<T, (string Id, IReadOnlyList<string> Scopes)> scoped)
    {
        var id = new Argument<string>("id") { Description = $"{objectName} id" };
        var scopes = new Argument<string[]>("scope") { Description = "Security scope names (replace the current ones)", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("scopes", $"Set the security scopes of a {objectName.ToLowerInvariant()} (Full Administrators only)") { id, scopes, json };
        command.SetAction(async (parse, ct) =>
        {
            var updated = await call(AdminConnection.Connect(parse), parse.GetValue(id)!, new SetScopesRequest { Scopes = parse.GetValue(scopes)! }, ct);
            var (objectId, now) = scoped(updated);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), updated, _ => $"{objectId} is in scopes {string.Join(", ", now)}");
        });
        return command;
    }
}
