namespace TsOrchestrator.Agent;

/// <summary>The agent's own log: one line per event on standard error, where systemd's journal or a harness picks it up.</summary>
internal sealed class AgentLog(TextWriter output, TimeProvider clock)
{
    private readonly Lock _gate = new();

    public void Info(string message) => Write("info", message);

    public void Warn(string message) => Write("warn", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        lock (_gate)
        {
            output.WriteLine($"{clock.GetUtcNow():yyyy-MM-dd HH:mm:ss.fff} {level} {message}");
            output.Flush();
        }
    }
}
