namespace TsOrchestrator.Server.Tests.Security;

/// <summary>One route × caller of the authorization matrix and what it got.</summary>
internal sealed record MatrixCell(string Route, string Caller, Expectation Expected, int Status, string Body)
{
    public bool Met => Expected switch
    {
        Expectation.Unauthenticated => Status == 401,
        Expectation.Forbidden => Status == 403,
        Expectation.NotFound => Status == 404,
        Expectation.Refused => Status is >= 400 and < 500 and not (401 or 403),
        Expectation.AllowedWithoutLeak => Status is not (401 or 403) && !Body.StartsWith("names ", StringComparison.Ordinal),
        _ => Status is not (401 or 403),
    };

    public override string ToString() => $"{Route} as {Caller}: expected {Expected}, got {Status} {Body}";
}
