using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;
using TsOrchestrator.Testing.Telemetry;

namespace TsOrchestrator.Cli.Tests.Telemetry;

/// <summary>Traces across the real processes: the tsorch command, the server's handling of its request, the store's work.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Traced_command_shares_one_trace_with_the_server_request_and_the_store_commands()
    {
        await using var collector = OtlpTraceReceiver.Start();
        var server = new ServerProcess { EnvironmentVariables = collector.EnvironmentVariables };
        await server.InitializeAsync();
        try
        {
            var result = await Tsorch.RunProcessAsync(collector.EnvironmentVariables, "folders", "create", "Traced", "--server", server.Url, "--key", server.Key);
            result.ExitCode.ShouldBe(0, result.Error);

            var command = await collector.WaitForAsync(s => s.Scope == "TsOrchestrator.Cli", "for the command");
            command.Service.ShouldBe("tsorch");
            command.Name.ShouldBe("tsorch folders create");
            command.ParentSpanId.ShouldBeEmpty();

            var request = await collector.WaitForAsync(s => s.Scope == "Microsoft.AspNetCore" && s.TraceId == command.TraceId, "for the server's request in the command's trace");
            request.Service.ShouldNotBe("tsorch");
            var client = collector.Spans.Single(s => s.SpanId == request.ParentSpanId);
            client.ParentSpanId.ShouldBe(command.SpanId);

            var store = await collector.WaitForAsync(s => s.Scope.Contains("EntityFrameworkCore", StringComparison.Ordinal) && s.TraceId == command.TraceId, "for the store's commands in the command's trace");
            store.Service.ShouldBe(request.Service);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public void Untraced_command_loads_no_OpenTelemetry_code()
    {
        using var folder = new TempFolder();
        var file = folder.Write("small.tsq.json", Sequences.Small);

        var result = Tsorch.Run("validate", file);

        result.ExitCode.ShouldBe(0, result.Error);
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ShouldNotContain(name => name!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Untraced_command_sends_no_trace_context_to_the_server()
    {
        await using var collector = OtlpTraceReceiver.Start();
        var server = new ServerProcess { EnvironmentVariables = collector.EnvironmentVariables };
        await server.InitializeAsync();
        try
        {
            var result = await Tsorch.RunProcessAsync("folders", "create", "Untraced", "--server", server.Url, "--key", server.Key);
            result.ExitCode.ShouldBe(0, result.Error);

            // The server traces the request all the same, as the root of its own trace.
            var request = await collector.WaitForAsync(s => s.Scope == "Microsoft.AspNetCore" && s.Name.StartsWith("POST", StringComparison.Ordinal), "for the server's request");
            request.ParentSpanId.ShouldBeEmpty();
            collector.Spans.ShouldNotContain(s => s.Scope == "TsOrchestrator.Cli");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
