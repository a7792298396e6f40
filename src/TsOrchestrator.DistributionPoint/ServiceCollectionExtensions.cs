using Microsoft.AspNetCore.Authentication;
using TsOrchestrator.Content;
using TsOrchestrator.Content.Problems;

namespace TsOrchestrator.DistributionPoint;

/// <summary>Registers everything a distribution point needs.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The content library and <c>/dp/v1</c>'s two callers: the site server, which copies content in with the DP's access
    /// key, and agents, which come with their device key, checked with the site server.
    /// </summary>
    public static IServiceCollection AddTsOrchestratorDistributionPoint(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DistributionPointOptions>().Bind(configuration.GetSection(DistributionPointOptions.Section))
            .Validate(o => o.AccessKey.Length >= 16, "DistributionPoint:AccessKey is required (at least 16 characters)")
            .Validate(o => Uri.TryCreate(o.SiteServerUrl, UriKind.Absolute, out _), "DistributionPoint:SiteServerUrl is required (the site server's base URL)")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentLibrary>();
        services.AddSingleton<DeviceKeyCache>();
        services.AddHttpClient(RemoteDeviceAuthenticationHandler.HttpClientName);
        services.AddAuthentication(SiteServerKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SiteServerKeyAuthenticationHandler>(SiteServerKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, RemoteDeviceAuthenticationHandler>(DeviceCallers.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(SiteServerKeyAuthenticationHandler.Policy, p => p.AddAuthenticationSchemes(SiteServerKeyAuthenticationHandler.SchemeName)
                .RequireRole(SiteServerKeyAuthenticationHandler.SiteServerRole))
            .AddPolicy(DeviceCallers.Policy, p => p.AddAuthenticationSchemes(DeviceCallers.SchemeName).RequireRole(DeviceCallers.Role));
        services.AddApiProblems();
        services.AddHealthChecks();
        return services;
    }
}
