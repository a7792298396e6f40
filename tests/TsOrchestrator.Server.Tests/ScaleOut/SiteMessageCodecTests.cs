using System.Text;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Server.ScaleOut;

namespace TsOrchestrator.Server.Tests.ScaleOut;

public sealed class SiteMessageCodecTests
{
    [Fact]
    public void Small_run_event_travels_whole()
    {
        var run = new RunEventMessage
        {
            RunId = "run-1", Status = "Running", CurrentStep = "1",
            Records = [new RunStepRecord { Sequence = 3, Path = "0", Name = "Format disk", Outcome = "Succeeded", ExitCode = 0 }],
        };

        var payload = SiteMessageCodec.Encode(SiteMessage.ForRun(run) with { Node = "node-a", Number = 7 }).ShouldHaveSingleItem();

        var decoded = SiteMessageCodec.Decode(payload).ShouldNotBeNull();
        decoded.Node.ShouldBe("node-a");
        decoded.Number.ShouldBe(7);
        decoded.RunReference.ShouldBeNull();
        decoded.Run.ShouldNotBeNull().Records.ShouldHaveSingleItem().Name.ShouldBe("Format disk");
        decoded.Run.CurrentStep.ShouldBe("1");
    }

    [Fact]
    public void Run_event_carrying_a_large_log_chunk_travels_as_a_reference_under_the_notify_limit()
    {
        var run = new RunEventMessage
        {
            RunId = "run-1", Status = "Running", CurrentStep = "0", Records = [],
            Log = new RunLogEntry { WorkItemId = "wi-1", Offset = 65536, Text = new string('x', 64 * 1024) },
        };

        var payload = SiteMessageCodec.Encode(SiteMessage.ForRun(run)).ShouldHaveSingleItem();

        Encoding.UTF8.GetByteCount(payload).ShouldBeLessThan(SiteMessageCodec.MaxPayloadBytes);
        var decoded = SiteMessageCodec.Decode(payload).ShouldNotBeNull();
        decoded.Run.ShouldBeNull();
        var reference = decoded.RunReference.ShouldNotBeNull();
        reference.RunId.ShouldBe("run-1");
        reference.LogWorkItemId.ShouldBe("wi-1");
        reference.LogOffset.ShouldBe(65536);
    }

    [Fact]
    public void Notice_for_thousands_of_devices_is_split_into_payloads_that_together_name_every_device_once()
    {
        var devices = Enumerable.Range(0, 5000).Select(i => $"device-{i:D5}-{Guid.NewGuid():N}").ToList();

        var payloads = SiteMessageCodec.Encode(SiteMessage.ForNotice(devices, "DeploymentChanged", null)).ToList();

        payloads.Count.ShouldBeGreaterThan(1);
        payloads.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) < SiteMessageCodec.MaxPayloadBytes);
        var notices = payloads.Select(p => SiteMessageCodec.Decode(p)!.Notify!).ToList();
        notices.ShouldAllBe(n => n.Reason == "DeploymentChanged");
        notices.SelectMany(n => n.Devices).ShouldBe(devices);
    }

    [Fact]
    public void Payload_another_version_or_program_sent_on_the_channel_is_ignored()
    {
        SiteMessageCodec.Decode("not json").ShouldBeNull();
    }
}
