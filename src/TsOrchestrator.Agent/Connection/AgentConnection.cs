using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// The agent's client of the server: the Refit contract behind the standard resilience pipeline (retries with
/// backoff and jitter, per-attempt and total time-outs, circuit breaker). Every agent call is idempotent on the
/// server, so retrying a POST is safe.
/// </summary>
internal sealed class AgentConnection : IDisposable
{
    /// <summary>A long poll waits this long on the server; the attempt time-out must leave it room.</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The most the agent reads of one API answer. The largest real answer is a content location listing every file of
    /// a package (about 150 bytes a file), so this allows some 100,000 files.
    /// </summary>
    public const long MaxAnswerBytes = 16 * 1024 * 1024;

    private const string ContentClient = "content";
    private readonly ServiceProvider _services;

    public AgentConnection(ServerChoice servers)
    {
        Servers = servers;
        var services = new ServiceCollection();
        services.AddSingleton(Key);
        services.AddSingleton(servers);
        services.AddTransient<DeviceKeyHandler>();
        services.AddTransient<CallerCancellationHandler>();
        services.AddTransient<ServerFailoverHandler>();
        var api = services.AddRefitGeneratedClient<IAgentApi>(new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.AgentOptions) })
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = ServerChoice.Placeholder;
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns time-outs
            })
            .AddHttpMessageHandler<DeviceKeyHandler>()
            .AddHttpMessageHandler<CallerCancellationHandler>();
        api.AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = LongPoll + TimeSpan.FromSeconds(20);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(2);
            options.Retry.MaxRetryAttempts = 4;
            options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        });
        // Inside the resilience pipeline: each attempt goes to the server chosen then, and the attempt time-out covers
        // reading the body too.
        api.AddHttpMessageHandler<ServerFailoverHandler>();
        api.AddHttpMessageHandler(() => new BoundedAnswerHandler(MaxAnswerBytes));
        // The fast channel's poll is held for most of a minute: its own client, whose one time-out covers the wait. No
        // retries here: the channel's loop backs off itself, and the interval check-in goes on meanwhile.
        var channel = services.AddRefitGeneratedClient<IAgentChannelApi>(new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.AgentOptions) })
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = ServerChoice.Placeholder;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<DeviceKeyHandler>()
            .AddHttpMessageHandler<CallerCancellationHandler>();
        channel.AddResilienceHandler("fast-channel", pipeline => pipeline.AddTimeout(NotificationChannel.Wait + TimeSpan.FromSeconds(20)));
        channel.AddHttpMessageHandler<ServerFailoverHandler>();
        channel.AddHttpMessageHandler(() => new BoundedAnswerHandler(64 * 1024));
        // Content comes from distribution points, which may be other hosts: same device key, longer time-outs, and
        // no retry of a whole file here (the downloader moves on to the next distribution point instead).
        services.AddHttpClient(ContentClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<DeviceKeyHandler>()
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromMinutes(30);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(31);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(60);
                options.Retry.MaxRetryAttempts = 1;
            });
        _services = services.BuildServiceProvider();
        Api = new CheckedAgentApi(_services.GetRequiredService<IAgentApi>());
    }

    public DeviceKeyHolder Key { get; } = new();

    /// <summary>The server the agent talks to now, of the site's URLs it was given.</summary>
    public ServerChoice Servers { get; }

    public IAgentApi Api { get; }

    /// <summary>The fast channel's long poll.</summary>
    public IAgentChannelApi Channel => _services.GetRequiredService<IAgentChannelApi>();

    /// <summary>For downloads from distribution points (absolute URLs), with the device key.</summary>
    public HttpClient Content => _services.GetRequiredService<IHttpClientFactory>().CreateClient(ContentClient);

    public void Dispose() => _services.Dispose();
}
