using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;

namespace TsOrchestrator.Agent.Tests.Handlers;

public sealed class SetDynamicVariablesHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Matching_rules_set_variables_later_ones_win_and_secrets_stay_out_of_the_log()
    {
        var rules = $$$"""
            [
              {"set": {"Role": "default", "Site": "HQ"}},
              {"when": {"Hostname": "{{{Environment.MachineName.ToUpperInvariant()[..1]}}}*", "Os": "linux"}, "set": {"Role": "matched", "JoinPassword": "s3cr3t"}, "secret": ["JoinPassword"]},
              {"when": {"Hostname": "no-such-host"}, "set": {"Role": "never"}}
            ]
            """;
        var context = _sandbox.Context("SetDynamicVariables", new() { ["Rules"] = rules });

        var result = await new SetDynamicVariablesHandler().RunAsync(context, CancellationToken.None);

        result.Variables.ShouldNotBeNull();
        result.Variables["Role"].ShouldBe("matched");
        result.Variables["Site"].ShouldBe("HQ");
        result.Variables["JoinPassword"].ShouldBe("s3cr3t");
        var log = File.ReadAllText(context.Log.Path);
        log.ShouldContain("JoinPassword = (secret)");
        log.ShouldNotContain("s3cr3t");
    }

    [Fact]
    public async Task Rules_that_are_not_json_fail_the_step()
    {
        var context = _sandbox.Context("SetDynamicVariables", new() { ["Rules"] = "Role=lab" });

        (await Should.ThrowAsync<StepFailedException>(() => new SetDynamicVariablesHandler().RunAsync(context, CancellationToken.None)))
            .Message.ShouldStartWith("the Rules setting is not a JSON array of rules");
    }
}
