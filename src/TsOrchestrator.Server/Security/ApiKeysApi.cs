using System.Data;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Security;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Security;

/// <summary>
/// <c>/api/v1/api-keys</c>: Full Administrators issue, rotate and revoke admin API keys (Configuration Manager's
/// administrative users, with a role and security scopes). A secret is shown once; the store keeps its hash. A scoped
/// administrator sees and manages only keys within its own scopes, and issues none wider.
/// </summary>
public static class ApiKeysApi
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/api-keys").WithTags("API keys").RequireAuthorization(AdminPolicies.Administer);

        keys.MapGet("/", async (StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            return (await store.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken))
                .Where(k => Manages(caller, k)).Select(Info).ToList();
        });

        keys.MapPost("/", async (CreateApiKeyRequest request, StoreContext store, AuditLog audit, TimeProvider clock, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            var name = request.Name?.Trim() is { Length: > 0 and <= MaxNameLength } trimmed
                ? trimmed
                : throw Problem.BadRequest("name", $"give the key a name (at most {MaxNameLength} characters), e.g. the person or tool that uses it");
            var role = AdminRoles.All.FirstOrDefault(r => string.Equals(r, request.Role?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw Problem.BadRequest("role", $"expected one of {string.Join(", ", AdminRoles.All)}");
            var secret = ApiKeys.NewKey();
            var key = new ApiKeyEntity
            {
                Id = "KEY" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
                Name = name,
                Hash = ApiKeys.Hash(secret),
                Role = role,
                Scopes = Scopes(caller, request.Scopes),
                CreatedAt = clock.GetUtcNow(),
            };
            store.ApiKeys.Add(key);
            audit.Record(caller, "create", "ApiKey", key.Id, null, null, $"{key.Role} scopes {key.Scopes}");
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/api-keys/{key.Id}", Issued(key, secret));
        });

        keys.MapPost("/{id}/rotate", async (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            var key = await ManagedAsync(store, caller, id, cancellationToken);
            var secret = ApiKeys.NewKey();
            key.Hash = ApiKeys.Hash(secret);
            audit.Record(caller, "rotate", "ApiKey", key.Id, null, null);
            await store.SaveChangesAsync(cancellationToken);
            return Issued(key, secret);
        });

        keys.MapDelete("/{id}", async (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var caller = Caller.From(http.User);
            try
            {
                // Serializable: two administrators revoking the last two unscoped Full Administrator keys at once must not
                // both succeed (SQLite serializes the writers; PostgreSQL refuses one of them with a serialization failure).
                await using var transaction = await store.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var key = await ManagedAsync(store, caller, id, cancellationToken);
                if (IsSiteOwner(key) && !await store.ApiKeys.AnyAsync(
                        k => k.Id != key.Id && k.Role == AdminRoles.FullAdministrator && k.Scopes == "*", cancellationToken))
                {
                    throw Problem.Conflict("this is the last Full Administrator key with every scope: issue another before revoking it", "id");
                }

                store.ApiKeys.Remove(key);
                audit.Record(caller, "revoke", "ApiKey", key.Id, null, null, key.Name);
                await store.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (IsSerializationFailure(e))
            {
                throw Problem.Conflict("another change to the API keys was made at the same time; try again", "id");
            }

            return Results.NoContent();
        });

        return app;
    }

    private static ApiKeyInfo Info(ApiKeyEntity key) => new()
    {
        Id = key.Id, Name = key.Name, Role = key.Role, Scopes = SecurityScopes.List(key.Scopes), CreatedAt = key.CreatedAt, LastUsedAt = key.LastUsedAt,
    };

    private static IssuedApiKey Issued(ApiKeyEntity key, string secret) => new()
    {
        Id = key.Id, Name = key.Name, Role = key.Role, Scopes = SecurityScopes.List(key.Scopes), CreatedAt = key.CreatedAt, Secret = secret,
    };

    private static bool IsSiteOwner(ApiKeyEntity key) => key.Role == AdminRoles.FullAdministrator && key.Scopes == "*";

    /// <summary>An unscoped administrator manages every key; a scoped one only keys that see nothing beyond its own scopes.</summary>
    private static bool Manages(Caller caller, ApiKeyEntity key) =>
        caller.Scopes.Contains("*") || (key.Scopes != "*" && SecurityScopes.List(key.Scopes).All(caller.Scopes.Contains));

    private static async Task<ApiKeyEntity> ManagedAsync(StoreContext store, Caller caller, string id, CancellationToken cancellationToken) =>
        await store.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is { } key && Manages(caller, key)
            ? key
            : throw Problem.NotFound("ApiKey", id);

    private static string Scopes(Caller caller, IReadOnlyList<string>? requested)
    {
        var unscoped = caller.Scopes.Contains("*");
        if (requested is null || requested.Count == 0 || requested is ["*"])
        {
            return unscoped ? "*"
                : requested is ["*"] ? throw Problem.BadRequest("scopes", $"you may issue keys only within your own scopes ({string.Join(", ", caller.Scopes.Order(StringComparer.OrdinalIgnoreCase))})")
                : string.Join(',', caller.Scopes.Order(StringComparer.OrdinalIgnoreCase));
        }

        var scopes = SecurityScopes.Parse(requested);
        if (!unscoped && SecurityScopes.List(scopes).FirstOrDefault(s => !caller.Scopes.Contains(s)) is { } outside)
        {
            throw Problem.BadRequest("scopes", $"'{outside}' is not one of your scopes ({string.Join(", ", caller.Scopes.Order(StringComparer.OrdinalIgnoreCase))})");
        }

        return scopes;
    }

    private static bool IsSerializationFailure(Exception e) =>
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure } ||
        (e.InnerException is { } inner && IsSerializationFailure(inner));
}
