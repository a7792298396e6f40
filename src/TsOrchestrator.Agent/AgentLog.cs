using System.Text.Json;

namespace TsOrchestrator.Agent;

/// <summary>
/// The agent's own log: one line per event on standard error, where systemd's journal or a harness picks it up. As
/// text, or (<c>--log-format json</c>) one JSON object a line with the field names of .NET's JSON console formatter,
/// so the server's and the agents' logs go into a log store alike.
/// </summary>
internal sealed class AgentLog(TextWriter output, TimeProvider clock, AgentLogFormat format = AgentLogFormat.Text)
{
    private readonly Lock _gate = new();

    public void Info(string message) => Write("info", "Information", message);

    public void Warn(string message) => Write("warn", "Warning", message);

    public void Error(string message) => Write("error", "Error", message);

    private void Write(string level, string logLevel, string message)
    {
        var line = format == AgentLogFormat.Json ? Json(logLevel, message) : $"{clock.GetUtcNow():yyyy-MM-dd HH:mm:ss.fff} {level} {message}";
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private string Json(string logLevel, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("LogLevel", logLevel);
            json.WriteString("Category", "TsOrchestrator.Agent");
            json.WriteString("Message", message);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
