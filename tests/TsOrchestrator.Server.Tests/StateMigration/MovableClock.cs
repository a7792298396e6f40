namespace TsOrchestrator.Server.Tests.StateMigration;

/// <summary>The server's clock, moved by the test: days of retention pass without waiting for them.</summary>
internal sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
