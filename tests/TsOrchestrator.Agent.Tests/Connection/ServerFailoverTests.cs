using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Refit;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Tests.Connection;

/// <summary>
/// An agent given several server URLs: real HTTP listeners on loopback (and a port nothing listens on) decide which
/// one it talks to, in order, and which failures move it on.
/// </summary>
public sealed class ServerFailoverTests : IDisposable
{
    private static readonly SiteProofRequest Question = new() { DeviceId = "DEVICE01", Challenge = Convert.ToBase64String(new byte[16]) };

    private readonly StringWriter _log = new();

    [Fact]
    public async Task A_server_refusing_connections_is_left_for_the_next_one_which_is_kept()
    {
        await using var answering = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-b"}""")));
        var closed = ClosedPort();
        var choice = new ServerChoice([closed, new Uri(answering.Url)], Log());
        using var connection = new AgentConnection(choice);

        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-b");
        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-b");

        choice.Current.ShouldBe(new Uri(answering.Url));
        answering.Requests.Count(r => r == "POST /agent/v1/site-proof").ShouldBe(2);
        _log.ToString().Split('\n').Count(l => l.Contains($"server {closed} unreachable", StringComparison.Ordinal) && l.Contains($"using {new Uri(answering.Url)}", StringComparison.Ordinal))
            .ShouldBe(1, _log.ToString());
    }

    [Fact]
    public async Task A_server_answering_503_is_left_for_the_next_one()
    {
        await using var unavailable = await MisbehavingServer.StartAsync(ProofRoute(_ => Results.StatusCode(StatusCodes.Status503ServiceUnavailable)));
        await using var answering = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-b"}""")));
        var choice = new ServerChoice([new Uri(unavailable.Url), new Uri(answering.Url)], Log());
        using var connection = new AgentConnection(choice);

        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-b");

        choice.Current.ShouldBe(new Uri(answering.Url));
        unavailable.Requests.Count(r => r == "POST /agent/v1/site-proof").ShouldBe(1);
        _log.ToString().ShouldContain("503");
    }

    [Fact]
    public async Task A_4xx_is_the_server_s_answer_and_keeps_the_server()
    {
        await using var refusing = await MisbehavingServer.StartAsync(ProofRoute(_ => Results.StatusCode(StatusCodes.Status404NotFound)));
        await using var other = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-b"}""")));
        var choice = new ServerChoice([new Uri(refusing.Url), new Uri(other.Url)], Log());
        using var connection = new AgentConnection(choice);

        var refused = await Should.ThrowAsync<ApiException>(() => connection.Api.ProveSiteAsync(Question));

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        choice.Current.ShouldBe(new Uri(refusing.Url));
        other.Requests.ShouldBeEmpty();
        _log.ToString().ShouldNotContain("unreachable");
    }

    [Fact]
    public async Task The_last_server_failing_wraps_to_the_first()
    {
        await using var answering = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-a"}""")));
        var closed = ClosedPort();
        var choice = new ServerChoice([new Uri(answering.Url), closed], Log());
        choice.Failed(new Uri(answering.Url), "test: the first server went away a while ago");
        choice.Current.ShouldBe(closed);
        using var connection = new AgentConnection(choice);

        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-a");

        choice.Current.ShouldBe(new Uri(answering.Url));
    }

    [Fact]
    public async Task After_ten_minutes_on_another_server_the_agent_tries_its_first_server_again()
    {
        await using var first = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-a"}""")));
        await using var second = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-b"}""")));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var choice = new ServerChoice([new Uri(first.Url), new Uri(second.Url)], Log(), clock);
        choice.Failed(new Uri(first.Url), "test: the first node went down");
        using var connection = new AgentConnection(choice);

        clock.Advance(ServerChoice.FailBackAfter - TimeSpan.FromSeconds(1));
        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-b", "the agent stays on the server that answers");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-a", "the first node is back and gets its agents back");

        choice.Current.ShouldBe(new Uri(first.Url));
        _log.ToString().ShouldContain($"trying the first server {new Uri(first.Url)} again");
    }

    [Fact]
    public async Task A_first_server_still_down_after_ten_minutes_is_tried_once_and_left_again()
    {
        await using var second = await MisbehavingServer.StartAsync(ProofRoute(_ => MisbehavingServer.Json("""{"proof": "from-b"}""")));
        var closed = ClosedPort();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var choice = new ServerChoice([closed, new Uri(second.Url)], Log(), clock);
        choice.Failed(closed, "test: the first node went down");
        using var connection = new AgentConnection(choice);

        clock.Advance(ServerChoice.FailBackAfter);
        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-b");
        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("from-b");

        choice.Current.ShouldBe(new Uri(second.Url));
        second.Requests.Count(r => r == "POST /agent/v1/site-proof").ShouldBe(2, "one attempt at the first server, then the second again, not back and forth");
    }

    [Fact]
    public async Task A_server_path_in_front_of_the_api_is_kept()
    {
        await using var proxied = await MisbehavingServer.StartAsync(app =>
            app.MapPost("/tsorch/agent/v1/site-proof", () => MisbehavingServer.Json("""{"proof": "behind-a-path"}""")));
        var choice = new ServerChoice([new Uri(proxied.Url + "/tsorch/")], Log());
        using var connection = new AgentConnection(choice);

        (await connection.Api.ProveSiteAsync(Question)).Proof.ShouldBe("behind-a-path");
    }

    public void Dispose() => _log.Dispose();

    private static Action<WebApplication> ProofRoute(Func<HttpContext, IResult> answer) =>
        app => app.MapPost("/agent/v1/site-proof", answer);

    /// <summary>A loopback port nothing listens on: connecting to it is refused at once.</summary>
    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private AgentLog Log() => new(TextWriter.Synchronized(_log), TimeProvider.System);
}
