using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Server.StateMigration;

/// <summary><c>/agent/v1/state-stores</c>: the state migration point as devices reach it, each only its own stores.</summary>
public static partial class StateMigrationAgentApi
{
    private const string UploadSetting = $"{StateMigrationOptions.Section}:{nameof(StateMigrationOptions.MaxStoreBytes)}";

    public static IEndpointRouteBuilder MapStateMigrationAgentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/agent/v1/state-stores").WithTags("Agent").RequireAuthorization(AgentApi.Policy).RequireRateLimiting(AgentApi.CallLimit);

        group.MapPost("/", (StateStoreRequest request, StateStoreService stores, HttpContext http, CancellationToken cancellationToken) =>
            stores.RequestAsync(DeviceId(http), request, cancellationToken));

        // The state streams in: counted against the limit while it is read, encrypted chunk by chunk to its file.
        group.MapPut("/{storeId}/state", (string storeId, StateStoreService stores, IOptions<StateMigrationOptions> options, HttpContext http, CancellationToken cancellationToken) =>
        {
            var body = UploadLimit.Body(http, options.Value.MaxStoreBytes, UploadSetting);
            return stores.UploadAsync(DeviceId(http), storeId, body, http.Request.ContentLength, cancellationToken);
        });

        group.MapGet("/{storeId}/state", async (string storeId, StateStoreService stores, HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var found = await stores.ReadableAsync(DeviceId(http), storeId, cancellationToken);
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = found.SizeBytes;
            try
            {
                await stores.ReadAsync(found, http.Response.Body, cancellationToken);
            }
            catch (CryptographicException e)
            {
                // The status is sent: cutting the connection is how the device learns the body is not whole.
                LogDamaged(loggers.CreateLogger(typeof(StateMigrationAgentApi)), storeId, e.Message);
                http.Abort();
            }
        }).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");

        group.MapPost("/{storeId}/release", (string storeId, StateStoreService stores, HttpContext http, CancellationToken cancellationToken) =>
            stores.ReleaseAsync(DeviceId(http), storeId, cancellationToken));
        return app;
    }

    private static string DeviceId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    [LoggerMessage(Level = LogLevel.Error, Message = "State store {StoreId} could not be decrypted: {Reason}")]
    private static partial void LogDamaged(ILogger logger, string storeId, string reason);
}
