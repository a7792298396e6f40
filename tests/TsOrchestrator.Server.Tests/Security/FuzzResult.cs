namespace TsOrchestrator.Server.Tests.Security;

/// <summary>What one <see cref="FuzzRequest"/> got: the status (or <see cref="Hang"/>, <see cref="Aborted"/>), how long it took and the start of the body.</summary>
internal sealed record FuzzResult(string Route, string Case, int Status, TimeSpan Elapsed, string Body)
{
    public const int Hang = -1;
    public const int Aborted = -2;

    public bool IsFailure => Status is Hang or Aborted or >= 500;

    public string StatusClass => Status switch { Hang => "hang", Aborted => "aborted", _ => $"{Status / 100}xx" };

    public override string ToString() => $"{Route} [{Case}] → {(Status < 0 ? StatusClass : Status)} in {Elapsed.TotalMilliseconds:F0} ms: {Body}";
}
