using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>Issue 13: `tsorch keys` issues, lists, rotates and revokes admin API keys against the real server.</summary>
public sealed class ApiKeysCommandsTests(SingleAttemptSite site) : IClassFixture<SingleAttemptSite>
{
    private ServerProcess Server => site.Server;

    private Tsorch.Result Run(string key, params string[] args) => Tsorch.Run([.. args, "--server", Server.Url, "--key", key]);

    private Tsorch.Result Ok(params string[] args)
    {
        var result = Run(Server.Key, args);
        result.ExitCode.ShouldBe(0, $"tsorch {string.Join(' ', args)}: {result.Error}");
        return result;
    }

    [Fact]
    public void Issued_key_signs_in_with_its_role_rotation_replaces_its_secret_and_revocation_ends_it()
    {
        var issued = Ok("keys", "create", "Nightly report", "--role", "readonlyanalyst");
        var secret = issued.Output.TrimEnd().Split('\n')[^1];
        var id = issued.Output.Split(' ')[0];

        Run(secret, "ts", "list").ExitCode.ShouldBe(0);
        var refused = Run(secret, "collections", "create", "Not allowed");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("403");
        Ok("keys", "list").Output.ShouldContain($"{id}  ReadOnlyAnalyst");

        var rotated = JsonDocument.Parse(Ok("keys", "rotate", id, "--json").Output).RootElement.GetProperty("secret").GetString()!;
        Run(secret, "ts", "list").ExitCode.ShouldBe(1);
        Run(rotated, "ts", "list").ExitCode.ShouldBe(0);

        JsonDocument.Parse(Ok("keys", "revoke", id, "--json").Output).RootElement.GetProperty("revoked").GetString().ShouldBe(id);
        Run(rotated, "ts", "list").Error.ShouldContain("401");
    }

    [Fact]
    public void Unknown_role_is_refused_on_the_command_line_with_the_roles_allowed()
    {
        var result = Run(Server.Key, "keys", "create", "Bad", "--role", "root");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("--role 'root': expected one of FullAdministrator, OperatingSystemDeploymentManager, ReadOnlyAnalyst");
    }
}
