using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>Issue 17: under --json a refusal is problem details on stdout (for scripts) besides the one line on stderr.</summary>
public sealed class JsonErrorTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public void Refusal_under_json_is_the_servers_problem_document_on_stdout()
    {
        var result = Tsorch.Run("runs", "get", "RUN0000000000", "--json", "--server", server.Url, "--key", server.Key);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("tsorch: 404");
        var problem = JsonDocument.Parse(result.Output).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Unreachable_server_under_json_is_a_problem_document_too()
    {
        var result = Tsorch.Run("runs", "list", "--json", "--server", "http://127.0.0.1:9", "--key", "x");

        result.ExitCode.ShouldBe(1);
        var problem = JsonDocument.Parse(result.Output).RootElement;
        problem.GetProperty("detail").GetString()!.ShouldContain("does not answer");
    }
}
