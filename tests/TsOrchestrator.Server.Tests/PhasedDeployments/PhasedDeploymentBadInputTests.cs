using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>Bad phased deployments are refused with an RFC 9457 problem naming the field, and nothing is stored.</summary>
public sealed class PhasedDeploymentBadInputTests(RolloutSite site) : IClassFixture<RolloutSite>
{
    public static TheoryData<string, string> Cases => new()
    {
        { "one phase", "phases" },
        { "same collection twice", "phases[1].collectionId" },
        { "success percent above 100", "phases[0].successPercent" },
        { "success percent of 0", "phases[1].successPercent" },
        { "halt percent of 100", "haltFailurePercent" },
        { "gradual rollout of 31 days", "phases[0].gradualDays" },
        { "deferral of -1 days", "phases[0].deferralDays" },
        { "unknown begin criteria", "phases[1].beginNext" },
        { "unknown collection", "phases[1].collectionId" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_phased_deployment_is_refused_naming_the_field_and_nothing_is_stored(string bad, string field)
    {
        var sequenceId = await site.SequenceAsync($"Bad {bad}");
        var (first, _) = await site.CollectionAsync($"bad-{bad}-1", 1);
        var (second, _) = await site.CollectionAsync($"bad-{bad}-2", 1);
        var good = new PhaseSettings { CollectionId = first };
        var request = new CreatePhasedDeploymentRequest { SequenceId = sequenceId, Phases = [good, good with { CollectionId = second }] };
        request = bad switch
        {
            "one phase" => request with { Phases = [good] },
            "same collection twice" => request with { Phases = [good, good] },
            "success percent above 100" => request with { Phases = [good with { SuccessPercent = 101 }, request.Phases[1]] },
            "success percent of 0" => request with { Phases = [good, request.Phases[1] with { SuccessPercent = 0 }] },
            "halt percent of 100" => request with { HaltFailurePercent = 100 },
            "gradual rollout of 31 days" => request with { Phases = [good with { GradualDays = 31 }, request.Phases[1]] },
            "deferral of -1 days" => request with { Phases = [good with { DeferralDays = -1 }, request.Phases[1]] },
            "unknown begin criteria" => request with { Phases = [good, request.Phases[1] with { BeginNext = "Sometimes" }] },
            "unknown collection" => request with { Phases = [good, good with { CollectionId = "COLL-NONE" }] },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var deploymentsBefore = (await site.Admin().ListDeploymentsAsync()).Count;
        var phasedBefore = (await site.Admin().ListPhasedDeploymentsAsync()).Count;
        using var http = site.Http();

        var response = await http.PostAsJsonAsync("/api/v1/phased-deployments", request, Api.Json);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe([field]);
        (await site.Admin().ListPhasedDeploymentsAsync()).Count.ShouldBe(phasedBefore);
        (await site.Admin().ListDeploymentsAsync()).Count.ShouldBe(deploymentsBefore);
    }
}
