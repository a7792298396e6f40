using Microsoft.AspNetCore.Components.Authorization;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Designer.Api;

namespace TsOrchestrator.Designer.Session;

/// <summary>One browser's session (scoped to its circuit): the signed-in user and an admin API client acting as them.</summary>
public sealed class ConsoleSession(AuthenticationStateProvider authentication, AdminClientFactory clients)
{
    private ConsoleUser? _user;
    private IAdminApi? _api;
    private IAdminApi? _transferApi;

    public async Task<ConsoleUser> GetUserAsync()
    {
        if (_user is null)
        {
            var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(true);
            _user = ConsoleUser.From(state.User) ?? throw new UnauthorizedAccessException("the console session has no signed-in user");
        }

        return _user;
    }

    public async Task<IAdminApi> GetApiAsync()
    {
        if (_api is null)
        {
            var user = await GetUserAsync().ConfigureAwait(true);
            _api = clients.Create(user.ApiKey);
        }

        return _api;
    }

    /// <summary>The same caller's client without a time-out, for an export or import as large as its content.</summary>
    public async Task<IAdminApi> GetTransferApiAsync()
    {
        if (_transferApi is null)
        {
            var user = await GetUserAsync().ConfigureAwait(true);
            _transferApi = clients.Create(user.ApiKey, transfer: true);
        }

        return _transferApi;
    }
}
