using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Security;

/// <summary>Authenticates <c>Authorization: Bearer tsk_…</c> or <c>X-Api-Key: tsk_…</c> against the stored hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StoreContext store,
    RequestCaller requestCaller, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopesClaim = "tsorch:scopes";

    /// <summary>How fine "last used" is: a busy tool's every call would otherwise be a write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey();
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeys.Hash(key);
        // Retried here: authentication runs before any endpoint filter could rerun the call (PostgreSQL restarting).
        var entity = await StoreConnectionFailures.RetryAsync(store, ct => store.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct), clock,
            Context.RequestAborted).ConfigureAwait(false);
        if (entity is null)
        {
            return AuthenticateResult.Fail("unknown API key");
        }

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, entity.Id),
            new(ClaimTypes.Name, entity.Name),
            new(ClaimTypes.Role, entity.Role),
            new(ScopesClaim, entity.Scopes),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));

        await RecordUseAsync(entity).ConfigureAwait(false);

        // From here on the request's queries see only the key's scopes.
        requestCaller.Set(Caller.From(principal));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// "Last used", so that an administrator can tell a forgotten key from one a tool still needs before revoking it.
    /// Guarded by the value read, so two requests at once write it once; a store too busy to take it loses nothing but
    /// this minute's mark, and never the request.
    /// </summary>
    private async Task RecordUseAsync(ApiKeyEntity key)
    {
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        try
        {
            await store.ApiKeys.Where(k => k.Id == key.Id && k.LastUsedAt == key.LastUsedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException)
        {
            // Busy or away for a moment: the next request a minute on tries again.
        }
    }

    private string? ReadKey()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = Request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
