using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>
/// Phased deployments end to end (TS-SEMANTICS §6): the real server process, real Quartz evaluations, runs driven
/// through the agent API, and days of <see cref="RolloutSite.SecondsPerDay"/> seconds.
/// </summary>
public sealed class PhasedDeploymentTests(RolloutSite site) : IClassFixture<RolloutSite>
{
    private static readonly TimeSpan Day = TimeSpan.FromSeconds(RolloutSite.SecondsPerDay);

    private static PhaseSettings Phase(string collectionId, string beginNext = "Automatic", int deferralDays = 1, int gradualDays = 0, int successPercent = 100) => new()
    {
        CollectionId = collectionId, Purpose = "Required", DeadlineDays = 0, BeginNext = beginNext, DeferralDays = deferralDays, GradualDays = gradualDays,
        SuccessPercent = successPercent,
    };

    [Fact]
    public async Task Phase_two_begins_by_itself_after_the_deferral_once_phase_one_met_its_success_criteria()
    {
        var sequenceId = await site.SequenceAsync("Phased automatic");
        var (pilot, pilotDevices) = await site.CollectionAsync("auto-pilot", 1);
        var (broad, broadDevices) = await site.CollectionAsync("auto-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
        {
            SequenceId = sequenceId, Phases = [Phase(pilot), Phase(broad)],
        });
        created.Status.ShouldBe("Active");
        created.CurrentPhase.ShouldBe(1);
        created.Phases[1].DeploymentId.ShouldBeNull();

        // Phase 2's devices have nothing yet; phase 1's device runs the sequence and succeeds.
        (await broadDevices[0].CheckInAsync()).Offers.ShouldBeEmpty();
        (await pilotDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");

        var begun = await site.WaitUntilAsync(created.Id, p => p.CurrentPhase == 2, "phase 2 begun");
        var first = begun.Phases[0];
        first.Succeeded.ShouldBe(1);
        first.SucceededPercent.ShouldBe(100);
        var met = first.CriteriaMetAt.ShouldNotBeNull();
        begun.Phases[1].StartedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(met + Day);

        (await broadDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");
        var completed = await site.WaitUntilAsync(created.Id, p => p.Status == "Completed", "completed after the last phase succeeded");
        completed.Phases[1].CriteriaMetAt.ShouldNotBeNull();
        var deployments = await site.Admin().ListDeploymentsAsync(sequenceId);
        deployments.Select(d => (d.PhasedDeploymentId, d.Phase, d.CollectionId)).ShouldBe([(created.Id, 1, pilot), (created.Id, 2, broad)]);
    }

    [Fact]
    public async Task Manual_begin_waits_for_the_operator_to_move_to_the_next_phase()
    {
        var sequenceId = await site.SequenceAsync("Phased manual");
        var (pilot, pilotDevices) = await site.CollectionAsync("manual-pilot", 1);
        var (broad, broadDevices) = await site.CollectionAsync("manual-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
        {
            SequenceId = sequenceId, Phases = [Phase(pilot, beginNext: "Manual", deferralDays: 0), Phase(broad)],
        });
        (await pilotDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");
        await site.WaitUntilAsync(created.Id, p => p.Phases[0].CriteriaMetAt is not null, "phase 1's criteria met");

        // Several evaluations later the phase is still the first: a manual begin never happens by itself.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await site.Admin().GetPhasedDeploymentAsync(created.Id)).CurrentPhase.ShouldBe(1);
        (await broadDevices[0].CheckInAsync()).Offers.ShouldBeEmpty();

        var moved = await site.Admin().MovePhasedDeploymentToNextPhaseAsync(created.Id);

        moved.CurrentPhase.ShouldBe(2);
        moved.Phases[1].DeploymentId.ShouldNotBeNull();
        (await broadDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");
        var last = await site.Http().PostAsync($"/api/v1/phased-deployments/{created.Id}/next", null);
        (await last.ShouldBeProblemAsync(System.Net.HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("last phase");
    }

    [Fact]
    public async Task Suspended_phased_deployment_starts_nothing_until_resumed()
    {
        var sequenceId = await site.SequenceAsync("Phased suspend");
        var (pilot, pilotDevices) = await site.CollectionAsync("suspend-pilot", 1);
        var (broad, _) = await site.CollectionAsync("suspend-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest { SequenceId = sequenceId, Phases = [Phase(pilot), Phase(broad)] });

        var suspended = await site.Admin().SuspendPhasedDeploymentAsync(created.Id);

        suspended.Status.ShouldBe("Suspended");
        suspended.SuspendReason.ShouldNotBeNull().ShouldStartWith("suspended by ");
        var refused = await site.Http().PostAsync($"/api/v1/phased-deployments/{created.Id}/next", null);
        (await refused.ShouldBeProblemAsync(System.Net.HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("resume it first");
        var checkIn = await pilotDevices[0].CheckInAsync();
        checkIn.ActiveRunId.ShouldBeNull();
        checkIn.Offers.ShouldBeEmpty();

        var resumed = await site.Admin().ResumePhasedDeploymentAsync(created.Id);

        resumed.Status.ShouldBe("Active");
        resumed.SuspendReason.ShouldBeNull();
        (await pilotDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");
        var audit = await site.Admin().ListAuditAsync("PhasedDeployment", created.Id);
        audit.Select(a => a.Action).ShouldContain("suspend");
        audit.Select(a => a.Action).ShouldContain("resume");
    }

    [Fact]
    public async Task Deleting_a_phased_deployment_removes_its_phases_deployments_and_frees_the_sequence()
    {
        var sequenceId = await site.SequenceAsync("Phased delete");
        var (pilot, _) = await site.CollectionAsync("delete-pilot", 1);
        var (broad, _) = await site.CollectionAsync("delete-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest { SequenceId = sequenceId, Phases = [Phase(pilot), Phase(broad)] });
        using var http = site.Http();

        var phaseDeployment = await http.DeleteAsync($"/api/v1/deployments/{created.Phases[0].DeploymentId}");
        (await phaseDeployment.ShouldBeProblemAsync(System.Net.HttpStatusCode.Conflict)).ErrorFields().ShouldBe(["id"]);
        var deleted = await http.DeleteAsync($"/api/v1/phased-deployments/{created.Id}");

        deleted.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent, $"{await deleted.Content.ReadAsStringAsync()}\n{site.Server.Log}");
        (await site.Admin().ListDeploymentsAsync(sequenceId)).ShouldBeEmpty();
        (await site.Admin().ListPhasedDeploymentsAsync()).ShouldNotContain(p => p.Id == created.Id);
        (await http.DeleteAsync($"/api/v1/task-sequences/{sequenceId}")).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task Evaluation_goes_on_after_a_server_crash()
    {
        var crashing = new RolloutSite();
        await crashing.InitializeAsync();
        try
        {
            var sequenceId = await crashing.SequenceAsync("Phased crash");
            var (pilot, pilotDevices) = await crashing.CollectionAsync("crash-pilot", 1);
            var (broad, _) = await crashing.CollectionAsync("crash-broad", 1);
            var created = await crashing.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
            {
                SequenceId = sequenceId, Phases = [Phase(pilot, deferralDays: 0), Phase(broad)],
            });

            await crashing.Server.RestartAsync();
            (await pilotDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");

            (await crashing.WaitUntilAsync(created.Id, p => p.CurrentPhase == 2, "phase 2 begun after the restart")).Status.ShouldBe("Active");
        }
        finally
        {
            await crashing.DisposeAsync();
        }
    }

    [Fact]
    public async Task Gradual_rollout_makes_the_phase_required_batch_by_batch()
    {
        var sequenceId = await site.SequenceAsync("Phased gradual");
        var (pilot, pilotDevices) = await site.CollectionAsync("gradual-pilot", 2);
        var (broad, _) = await site.CollectionAsync("gradual-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
        {
            SequenceId = sequenceId, Phases = [Phase(pilot, gradualDays: 2), Phase(broad)],
        });

        var batches = created.Phases[0].Batches;
        batches.Count.ShouldBe(2);
        batches.SelectMany(b => b.DeviceIds).ShouldBe(pilotDevices.Select(d => d.Id).Order(StringComparer.Ordinal));
        batches[1].AvailableAt.ShouldBe(batches[0].AvailableAt + Day);
        batches[0].AssignmentAt.ShouldBe(batches[0].AvailableAt);
        var early = pilotDevices.Single(d => d.Id == batches[0].DeviceIds.Single());
        var late = pilotDevices.Single(d => d.Id == batches[1].DeviceIds.Single());

        // The first batch is required at once; the second is not even offered until its day comes.
        (await early.CheckInAndRunAsync()).ShouldBe("Succeeded");
        var before = await late.CheckInAsync();
        before.ActiveRunId.ShouldBeNull();
        before.Offers.ShouldBeEmpty();

        string? status = null;
        for (var i = 0; i < 60 && status is null; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            status = await late.CheckInAndRunAsync();
        }

        status.ShouldBe("Succeeded");
        var run = (await site.Admin().ListRunsAsync(created.Phases[0].DeploymentId, late.Id)).Single();
        run.CreatedAt.ShouldBeGreaterThanOrEqualTo(batches[1].AvailableAt);
    }

    [Fact]
    public async Task Phased_deployment_halts_itself_when_failures_exceed_the_threshold()
    {
        var sequenceId = await site.SequenceAsync("Phased halt");
        var (pilot, pilotDevices) = await site.CollectionAsync("halt-pilot", 2);
        var (broad, broadDevices) = await site.CollectionAsync("halt-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
        {
            SequenceId = sequenceId, Phases = [Phase(pilot, deferralDays: 0, successPercent: 50), Phase(broad)], HaltFailurePercent = 40,
        });

        (await pilotDevices[0].CheckInAndRunAsync(exitCode: 1)).ShouldBe("Failed");

        var halted = await site.WaitUntilAsync(created.Id, p => p.Status == "Suspended", "halted by its failures");
        halted.SuspendReason.ShouldNotBeNull().ShouldStartWith("halted: 1 of phase 1's 2 devices failed (50%)");
        halted.CurrentPhase.ShouldBe(1);
        halted.Phases[0].Failed.ShouldBe(1);
        halted.Phases[0].FailedPercent.ShouldBe(50);
        var audit = await site.Admin().ListAuditAsync("PhasedDeployment", created.Id);
        audit.ShouldContain(a => a.Action == "suspend" && a.Actor == "phased deployment evaluation" && a.Detail!.StartsWith("halted:", StringComparison.Ordinal));

        // The phase's deployment is disabled: the other pilot device starts nothing, and phase 2 never begins.
        (await pilotDevices[1].CheckInAsync()).ActiveRunId.ShouldBeNull();
        (await broadDevices[0].CheckInAsync()).Offers.ShouldBeEmpty();

        // Resumed, the halt counts only new failures: the other device succeeds and phase 2 begins (50% succeeded).
        await site.Admin().ResumePhasedDeploymentAsync(created.Id);
        (await pilotDevices[1].CheckInAndRunAsync()).ShouldBe("Succeeded");
        (await site.WaitUntilAsync(created.Id, p => p.CurrentPhase == 2, "phase 2 begun after the resume")).Status.ShouldBe("Active");
    }
}
