using System.Text.Json;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: structured logs as an option, with .NET's own JSON console formatter.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task Server_with_the_json_console_formatter_writes_each_log_entry_as_one_json_object()
    {
        var server = new ServerProcess { ExtraArguments = ["--Logging:Console:FormatterName=json"] };
        try
        {
            await server.InitializeAsync();

            var lines = server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.ShouldNotBeEmpty();
            var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var listening = entries.Single(e => e.GetProperty("Message").GetString()!.StartsWith("Now listening on", StringComparison.Ordinal));
            listening.GetProperty("LogLevel").GetString().ShouldBe("Information");
            listening.GetProperty("Category").GetString().ShouldBe("Microsoft.Hosting.Lifetime");
            listening.GetProperty("State").GetProperty("address").GetString().ShouldBe(server.Url);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
