using System.Text.Json;

namespace TsOrchestrator.Agent.Tests.Logging;

/// <summary>Issue 17: the agent's log as JSON, one object a line, with the server's field names.</summary>
public sealed class AgentLogTests
{
    [Fact]
    public void Json_log_writes_each_event_as_one_object_with_level_category_and_message()
    {
        using var output = new StringWriter();
        var log = new AgentLog(output, TimeProvider.System, AgentLogFormat.Json);

        log.Info("checked in");
        log.Warn("a \"quoted\" warning\nover two lines");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(2);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        first.GetProperty("LogLevel").GetString().ShouldBe("Information");
        first.GetProperty("Category").GetString().ShouldBe("TsOrchestrator.Agent");
        first.GetProperty("Message").GetString().ShouldBe("checked in");
        DateTimeOffset.TryParse(first.GetProperty("Timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _).ShouldBeTrue();
        var second = JsonDocument.Parse(lines[1]).RootElement;
        second.GetProperty("LogLevel").GetString().ShouldBe("Warning");
        second.GetProperty("Message").GetString().ShouldBe("a \"quoted\" warning\nover two lines");
    }

    [Fact]
    public void Text_log_stays_one_plain_line_per_event()
    {
        using var output = new StringWriter();
        var log = new AgentLog(output, TimeProvider.System);

        log.Error("step failed");

        output.ToString().TrimEnd().ShouldEndWith(" error step failed");
    }
}
