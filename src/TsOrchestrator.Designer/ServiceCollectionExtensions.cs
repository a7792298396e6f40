using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using TsOrchestrator.Designer.Api;
using TsOrchestrator.Designer.Session;

namespace TsOrchestrator.Designer;

/// <summary>Registers the designer console in a host that already serves the admin API.</summary>
public static class ServiceCollectionExtensions
{
    /// <param name="builder">The hosting server's builder.</param>
    /// <param name="apiKeyScheme">The host's API-key authentication scheme, which API paths keep using.</param>
    public static WebApplicationBuilder AddTsOrchestratorDesigner(this WebApplicationBuilder builder, string apiKeyScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Serves MudBlazor's and the designer's static web assets from the build output in every environment,
        // not only in Development, so `dotnet run` and the tests' server process look the same.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddHttpClient(AdminClientFactory.HttpClientName);
        services.AddHttpClient(AdminClientFactory.TransferHttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ServerSelfAddress>();
        services.AddSingleton<AdminClientFactory>();
        services.AddScoped<ConsoleSession>();
        services.AddScoped<BrowserTimeZone>();
        services.AddScoped<Editing.ConditionClipboard>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAuthentication()
            .AddCookie(ConsoleAuthentication.CookieScheme, o =>
            {
                o.LoginPath = ConsoleAuthentication.SignInPath;
                o.LogoutPath = "/account/signout";
                o.Cookie.Name = "tsorch.console";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddPolicyScheme(ConsoleAuthentication.SelectorScheme, "API key or console cookie", o =>
                o.ForwardDefaultSelector = http => ConsoleAuthentication.IsApiPath(http.Request.Path.Value ?? "") ? apiKeyScheme : ConsoleAuthentication.CookieScheme);

        // After the host's own AddAuthentication(defaultScheme): API paths still authenticate with the key
        // only, and the console's pages and Blazor circuit with the cookie.
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme = ConsoleAuthentication.SelectorScheme);
        return builder;
    }
}
