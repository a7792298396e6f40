using System.CommandLine;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Contracts.Security;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// <c>tsorch keys list|create|rotate|revoke</c>: admin API keys with a role and security scopes (Full Administrators).
/// A new or rotated key's secret is printed once, on its own line (or as <c>secret</c> under <c>--json</c>).
/// </summary>
internal static class ApiKeysCommands
{
    private static readonly string[] Columns = ["ID", "ROLE", "SCOPES", "CREATED", "LAST USED", "NAME"];

    public static Command Create(CliConsole console) =>
        new("keys", "Admin API keys: issue one per person or tool, with a role and scopes (Full Administrators)")
        {
            List(console), Issue(console), Rotate(console), Revoke(console),
        };

    private static string[] Row(ApiKeyInfo k) =>
        [k.Id, k.Role, string.Join(",", k.Scopes), k.CreatedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            k.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never", k.Name];

    private static Command List(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the keys (never their secrets)") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListApiKeysAsync(ct), Columns, Row));
        return command;
    }

    private static Command Issue(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Who or what uses the key, e.g. 'Build pipeline'" };
        var role = new Option<string>("--role") { Description = "FullAdministrator, OperatingSystemDeploymentManager or ReadOnlyAnalyst", Required = true }
            .OneOf("FullAdministrator", "OperatingSystemDeploymentManager", "ReadOnlyAnalyst");
        var scopes = new Option<string[]>("--scope") { Description = "A security scope the key sees (repeat for more; default: all of yours)" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Issue a key; its secret is printed once") { name, role, scopes, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreateApiKeyRequest { Name = parse.GetValue(name), Role = parse.GetValue(role), Scopes = parse.GetValue(scopes) ?? [] };
            var issued = await AdminConnection.Connect(parse).CreateApiKeyAsync(request, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), issued, Shown);
        });
        return command;
    }

    private static Command Rotate(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Key id (tsorch keys list)" };
        var json = CommonOptions.Json();
        var command = new Command("rotate", "Give the key a new secret, printed once; the old one stops working at once") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var rotated = await AdminConnection.Connect(parse).RotateApiKeyAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), rotated, Shown);
        });
        return command;
    }

    private static Command Revoke(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Key id (tsorch keys list)" };
        var json = CommonOptions.Json();
        var command = new Command("revoke", "Revoke the key: it stops working at once") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await AdminConnection.Connect(parse).RevokeApiKeyAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), new RevokedReport(parse.GetValue(id)!), r => $"revoked {r.Revoked}");
        });
        return command;
    }

    // The secret on a line of its own, so `tsorch keys create ... | tail -n 1` hands it to a script.
    private static string Shown(IssuedApiKey k) =>
        $"{k.Id} '{k.Name}' {k.Role} scopes {string.Join(",", k.Scopes)}; its secret, shown this once:\n{k.Secret}";
}
