using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Notifications;

namespace TsOrchestrator.Server.Tests.Notifications;

/// <summary>The hub alone: what a device's poll is answered with, whenever the notification comes.</summary>
public sealed class InMemoryDeviceNotificationHubTests
{
    private readonly InMemoryDeviceNotificationHub _hub = new(TimeProvider.System);

    [Fact]
    public async Task Notification_raised_while_the_device_is_between_polls_answers_its_next_poll_at_once()
    {
        _hub.Notify(["DEV1"], AgentNotificationReasons.DeploymentChanged);
        _hub.Notify(["DEV1"], AgentNotificationReasons.RunResumed, "RUN1");
        _hub.Notify(["DEV1"], AgentNotificationReasons.DeploymentChanged);

        // A zero wait answers with what is pending and never holds: the notification was kept, not lost.
        var notice = await _hub.WaitAsync("DEV1", TimeSpan.Zero, CancellationToken.None);

        notice.Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged, AgentNotificationReasons.RunResumed]);
        notice.RunIds.ShouldBe(["RUN1"]);
        (await _hub.WaitAsync("DEV1", TimeSpan.Zero, CancellationToken.None)).Reasons.ShouldBeEmpty("a notification is answered once");
    }

    [Fact]
    public async Task Held_poll_is_answered_by_a_notification_for_its_device_only()
    {
        var held = _hub.WaitAsync("DEV1", TimeSpan.FromMinutes(5), CancellationToken.None);
        var other = _hub.WaitAsync("DEV2", TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await Until(() => _hub.Waiting == 2);

        _hub.Notify(["DEV1"], AgentNotificationReasons.RunCancelled, "RUN7");

        var notice = await held.WaitAsync(TimeSpan.FromSeconds(30));
        notice.Reasons.ShouldBe([AgentNotificationReasons.RunCancelled]);
        notice.RunIds.ShouldBe(["RUN7"]);
        (await other.WaitAsync(TimeSpan.FromSeconds(30))).Reasons.ShouldBeEmpty("the other device's poll runs out empty");
    }

    [Fact]
    public async Task Poll_the_device_gave_up_on_leaves_its_notification_for_the_next_poll()
    {
        using var leave = new CancellationTokenSource();
        var abandoned = _hub.WaitAsync("DEV1", TimeSpan.FromMinutes(5), leave.Token);
        await Until(() => _hub.Waiting == 1);
        await leave.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(abandoned);

        _hub.Notify(["DEV1"], AgentNotificationReasons.ContentAvailable);

        (await _hub.WaitAsync("DEV1", TimeSpan.Zero, CancellationToken.None)).Reasons.ShouldBe([AgentNotificationReasons.ContentAvailable]);
    }

    [Fact]
    public async Task Newer_poll_of_the_same_device_supersedes_the_held_one()
    {
        var older = _hub.WaitAsync("DEV1", TimeSpan.FromMinutes(5), CancellationToken.None);
        await Until(() => _hub.Waiting == 1);
        var newer = _hub.WaitAsync("DEV1", TimeSpan.FromMinutes(5), CancellationToken.None);

        (await older.WaitAsync(TimeSpan.FromSeconds(30))).Reasons.ShouldBeEmpty("the agent gave up on its older connection");
        _hub.Notify(["DEV1"], AgentNotificationReasons.SequenceEnabled);
        (await newer.WaitAsync(TimeSpan.FromSeconds(30))).Reasons.ShouldBe([AgentNotificationReasons.SequenceEnabled]);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue("gave up waiting");
    }
}
