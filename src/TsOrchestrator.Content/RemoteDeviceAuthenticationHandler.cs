using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TsOrchestrator.Content;

/// <summary>
/// On a DP, which has no store: a device key is good when the site server accepts it. Answers are
/// remembered for a while so that downloading many files costs one question.
/// </summary>
public sealed class RemoteDeviceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<DistributionPointOptions> distributionPoint,
    IHttpClientFactory httpClients, TimeProvider clock, DeviceKeyCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HttpClientName = "SiteServer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = authorization["Bearer ".Length..].Trim();
        var hash = DeviceCallers.KeyHash(key);
        var now = clock.GetUtcNow();
        if (!(cache.Accepted.TryGetValue(hash, out var until) && until > now))
        {
            using var ask = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(distributionPoint.Value.SiteServerUrl!.TrimEnd('/') + "/"), "agent/v1/content-access"));
            ask.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            HttpResponseMessage answer;
            try
            {
                answer = await httpClients.CreateClient(HttpClientName).SendAsync(ask, Context.RequestAborted);
            }
            catch (HttpRequestException e)
            {
                return AuthenticateResult.Fail($"the site server could not be asked about this device key: {e.Message}");
            }

            using (answer)
            {
                if (!answer.IsSuccessStatusCode)
                {
                    return AuthenticateResult.Fail(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                        ? "the site server does not know this device key"
                        : $"the site server answered {(int)answer.StatusCode} about this device key");
                }
            }

            cache.Accepted[hash] = now.AddSeconds(distributionPoint.Value.DeviceKeyCacheSeconds);
        }

        Claim[] claims = [new(ClaimTypes.NameIdentifier, hash[..16]), new(ClaimTypes.Role, DeviceCallers.Role)];
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }
}
