using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Agents;

/// <summary>Authenticates agents by their device key (<c>Authorization: Bearer</c>); blocked devices are refused.</summary>
public sealed class DeviceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApprovedDeviceKeys cache, DeviceKeyLookups lookups)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = DeviceCallers.SchemeName;
    public const string DeviceRole = DeviceCallers.Role;

    // Every agent call not yet remembered runs this: compiled once rather than translated per request. A device
    // authenticates whatever its security scopes, so the scope filter is left out of it by name.
    private static readonly CompiledStoreQuery<string, DeviceEntity?> DeviceByKeyHash =
        new((store, hash, _) => store.Devices.IgnoreQueryFilters(new[] { StoreContext.ScopeFilter }).AsNoTracking().FirstOrDefault(d => d.KeyHash == hash));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeys.Hash(authorization["Bearer ".Length..].Trim());
        if (cache.TryGet(hash, out var cachedId, out var cachedName))
        {
            return Success(cachedId, cachedName);
        }

        var found = await lookups.RunAsync(store => LookUpAsync(store, hash), Context.RequestAborted).ConfigureAwait(false);
        if (found.Remembered is (var rememberedId, var rememberedName))
        {
            return Success(rememberedId, rememberedName);
        }

        var device = found.Device;
        if (device is null)
        {
            return AuthenticateResult.Fail("unknown device key");
        }

        if (device.Status == DeviceStatus.Blocked)
        {
            return AuthenticateResult.Fail("the device is blocked");
        }

        cache.Remember(hash, device.Id, device.Name);
        return Success(device.Id, device.Name);
    }

    /// <summary>
    /// The device of the key; or, when another call of the device looked it up while this one waited its turn, what that
    /// one found.
    /// </summary>
    private async Task<(DeviceEntity? Device, (string Id, string Name)? Remembered)> LookUpAsync(StoreContext store, string hash) =>
        cache.TryGet(hash, out var id, out var name)
            ? (null, (id, name))
            : (await DeviceByKeyHash.RunAsync(store, hash, Context.RequestAborted).ConfigureAwait(false), null);

    private static AuthenticateResult Success(string deviceId, string name)
    {
        Claim[] claims = [new(ClaimTypes.NameIdentifier, deviceId), new(ClaimTypes.Name, name), new(ClaimTypes.Role, DeviceRole)];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}
