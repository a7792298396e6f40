using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TsOrchestrator.Content;

/// <summary>On a DP: authenticates the site server by the DP's access key (<c>Authorization: Bearer</c>).</summary>
public sealed class SiteServerKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<DistributionPointOptions> distributionPoint)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SiteServerKey";
    public const string SiteServerRole = "SiteServer";
    public const string Policy = "dp.site-server";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var expected = Encoding.UTF8.GetBytes(distributionPoint.Value.AccessKey);
        var given = Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim());
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return Task.FromResult(AuthenticateResult.Fail("not this distribution point's access key"));
        }

        Claim[] claims = [new(ClaimTypes.NameIdentifier, "site-server"), new(ClaimTypes.Name, "site-server"), new(ClaimTypes.Role, SiteServerRole)];
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }
}
