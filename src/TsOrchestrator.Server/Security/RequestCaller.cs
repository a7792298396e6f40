namespace TsOrchestrator.Server.Security;

/// <summary>
/// The admin caller of the current request, set once its API key authenticates. The store filters scoped objects by
/// it; a scope without one (agent calls, background jobs, Quartz, start-up) sees everything.
/// </summary>
public sealed class RequestCaller
{
    public Caller? Caller { get; private set; }

    /// <summary>The caller's scopes in lower case, or null when nothing is filtered (no caller, or <c>*</c>).</summary>
    internal string[]? VisibleScopes { get; private set; }

    public void Set(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Caller = caller;
        VisibleScopes = caller.Scopes.Contains("*") ? null : [.. caller.Scopes.Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
