using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Extensibility;
using Quartz.Impl;
using TsOrchestrator.Server.PhasedDeployments;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>
/// The delete of a phased deployment and its evaluation job meeting at the same moment, each interleaving made
/// certain instead of waited for: the evaluation reading between the delete's commit and its own second read, the
/// evaluation saving between the delete's read and its save, and both of them removing the evaluation's trigger.
/// </summary>
public sealed class PhasedDeploymentRaceTests
{
    [Fact]
    public async Task Unscheduling_succeeds_when_the_evaluation_removed_the_trigger_just_before()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(q => q.UseJobStore(sp => new EvaluationRemovesTriggerFirst(ActivatorUtilities.CreateInstance<RAMJobStore>(sp))));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ISchedulerFactory>();
        var schedule = new PhasedDeploymentSchedule(factory, Options.Create(new PhasedDeploymentOptions()));
        await schedule.ScheduleAsync("PHDRACE01", CancellationToken.None);

        await schedule.UnscheduleAsync("PHDRACE01", CancellationToken.None);

        var scheduler = await factory.GetScheduler();
        (await scheduler.Exists(new TriggerKey("PHDRACE01", "phased-deployments"))).ShouldBeFalse();
        (await scheduler.Exists(new JobKey("PHDRACE01", "phased-deployments"))).ShouldBeFalse();
        await scheduler.Shutdown();
    }

    [Fact]
    public async Task Evaluation_of_a_phased_deployment_deleted_between_its_reads_stops_without_error()
    {
        using var server = new ServerFactory();
        _ = server.Services;
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();

        // What the evaluation's second read sees when the delete commits right after its first: the phased deployment
        // it already holds, and none of its phases.
        store.PhasedDeployments.Add(new PhasedDeploymentEntity { Id = "PHDRACE02", Name = "Deleted meanwhile", SequenceId = "TS-GONE", CurrentPhase = 1 });
        await store.SaveChangesAsync();

        var evaluator = scope.ServiceProvider.GetRequiredService<PhasedDeploymentEvaluator>();
        (await evaluator.EvaluateAsync("PHDRACE02", CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task Delete_wins_over_an_evaluation_that_saved_after_the_delete_read()
    {
        using var server = new ServerFactory();
        _ = server.Services;
        await using (var setup = server.Services.CreateAsyncScope())
        {
            var store = setup.ServiceProvider.GetRequiredService<StoreContext>();
            store.PhasedDeployments.Add(new PhasedDeploymentEntity { Id = "PHDRACE03", Name = "Halted meanwhile", SequenceId = "TS-RACE", CurrentPhase = 1 });
            store.DeploymentPhases.AddRange(
                new DeploymentPhaseEntity { PhasedDeploymentId = "PHDRACE03", Number = 1, CollectionId = "COL-PILOT", DeploymentId = "DEPRACE03" },
                new DeploymentPhaseEntity { PhasedDeploymentId = "PHDRACE03", Number = 2, CollectionId = "COL-BROAD" });
            store.Deployments.Add(new DeploymentEntity { Id = "DEPRACE03", SequenceId = "TS-RACE", CollectionId = "COL-PILOT", PhasedDeploymentId = "PHDRACE03", Phase = 1 });
            await store.SaveChangesAsync();
        }

        await using var deleting = server.Services.CreateAsyncScope();
        var deletingStore = deleting.ServiceProvider.GetRequiredService<StoreContext>();
        var operatorCaller = new Caller("admin", "admin", AdminRoles.FullAdministrator, new HashSet<string>(StringComparer.Ordinal) { "*" });
        // The delete has read the phased deployment (its context now holds that version) ...
        _ = await deleting.ServiceProvider.GetRequiredService<PhasedDeploymentService>().FindAsync("PHDRACE03", CancellationToken.None);
        await using (var evaluation = server.Services.CreateAsyncScope())
        {
            // ... when the evaluation halts it and commits: a new version, and the phase's deployment disabled.
            var service = evaluation.ServiceProvider.GetRequiredService<PhasedDeploymentService>();
            var phased = await service.FindAsync("PHDRACE03", CancellationToken.None);
            await service.SuspendAsync(phased, PhasedDeploymentEvaluator.Evaluation, "halted: 1 of phase 1's 1 devices failed", CancellationToken.None);
        }

        // A refused save that kept the SQLite write gate would make this one wait forever: it is called off instead.
        using var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await deleting.ServiceProvider.GetRequiredService<PhasedDeploymentService>().DeleteAsync("PHDRACE03", operatorCaller, stuck.Token);

        await using var after = server.Services.CreateAsyncScope();
        var check = after.ServiceProvider.GetRequiredService<StoreContext>();
        (await check.PhasedDeployments.CountAsync(p => p.Id == "PHDRACE03")).ShouldBe(0);
        (await check.DeploymentPhases.CountAsync(p => p.PhasedDeploymentId == "PHDRACE03")).ShouldBe(0);
        (await check.Deployments.CountAsync(d => d.PhasedDeploymentId == "PHDRACE03")).ShouldBe(0);
    }

    [Fact]
    public async Task Evaluation_refused_because_an_operator_changed_it_leaves_later_saves_free()
    {
        using var server = new ServerFactory();
        _ = server.Services;
        await using (var setup = server.Services.CreateAsyncScope())
        {
            var store = setup.ServiceProvider.GetRequiredService<StoreContext>();
            store.PhasedDeployments.Add(new PhasedDeploymentEntity { Id = "PHDRACE04", Name = "Suspended meanwhile", SequenceId = "TS-RACE", CurrentPhase = 1 });
            await store.SaveChangesAsync();
        }

        await using var evaluation = server.Services.CreateAsyncScope();
        var evaluationStore = evaluation.ServiceProvider.GetRequiredService<StoreContext>();
        var read = await evaluationStore.PhasedDeployments.SingleAsync(p => p.Id == "PHDRACE04");
        await using (var operatorScope = server.Services.CreateAsyncScope())
        {
            var operatorStore = operatorScope.ServiceProvider.GetRequiredService<StoreContext>();
            var phased = await operatorStore.PhasedDeployments.SingleAsync(p => p.Id == "PHDRACE04");
            phased.Status = PhasedDeploymentStatus.Suspended;
            phased.ConcurrencyVersion++;
            await operatorStore.SaveChangesAsync();
        }

        read.Status = PhasedDeploymentStatus.Completed;
        read.ConcurrencyVersion++;
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => evaluationStore.SaveChangesAsync());

        await using var next = server.Services.CreateAsyncScope();
        var nextStore = next.ServiceProvider.GetRequiredService<StoreContext>();
        (await nextStore.PhasedDeployments.SingleAsync(p => p.Id == "PHDRACE04")).Name = "Renamed after the refusal";
        using var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        (await nextStore.SaveChangesAsync(stuck.Token)).ShouldBe(1);
    }

    /// <summary>
    /// A real in-memory store in which, whenever a trigger is removed, the evaluation that found its phased
    /// deployment deleted removes it first, so the caller's own removal always comes second.
    /// </summary>
    private sealed class EvaluationRemovesTriggerFirst(IJobStore inner) : DelegatingJobStore(inner)
    {
        public override async ValueTask<bool> DeleteTrigger(TriggerKey triggerKey, CancellationToken cancellationToken = default)
        {
            await base.DeleteTrigger(triggerKey, cancellationToken);
            return await base.DeleteTrigger(triggerKey, cancellationToken);
        }
    }
}
