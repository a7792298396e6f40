using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TsOrchestrator.Agent.Tests.Support;

/// <summary>
/// A server on loopback (Kestrel, port 0) that answers the agent API as the test says — with what a real server never
/// sends (nulls, paths for ids, endless bodies) — and counts every request it gets. Registration is answered by default.
/// </summary>
internal sealed class MisbehavingServer : IAsyncDisposable
{
    public const string DeviceId = "DEVICE01";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private MisbehavingServer(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next(context);
        });
        _app.MapPost("/agent/v1/register", () => Json($$"""{"deviceId": "{{DeviceId}}", "deviceKey": "key-of-the-device"}"""));
        routes(_app);
    }

    public string Url => _app.Urls.First();

    public IReadOnlyList<string> Requests => [.. _requests];

    public string Log => string.Join('\n', _requests);

    public static async Task<MisbehavingServer> StartAsync(Action<WebApplication> routes)
    {
        var server = new MisbehavingServer(routes);
        await server._app.StartAsync();
        return server;
    }

    /// <summary>A JSON body, as the agent API answers.</summary>
    public static IResult Json(string body) => Results.Text(body, "application/json", Encoding.UTF8);

    public DeviceUnderTest Device() => new(() => Url, () => Log);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
