using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Power;

/// <summary>
/// The Performance tab for one run: the plan active before the run is recorded once (in the state folder, so it
/// survives the run's restarts), high performance is switched on again after every agent start, and at the end the
/// recorded plan comes back, or the platform default when the run applied a new operating system.
/// </summary>
internal sealed class RunPowerPlan(PowerPlan plan, string stateDirectory)
{
    private const string Variable = "_TSHighPerformancePowerPlan";
    private const string WipedMarker = "wiped-and-loaded";
    private readonly HashSet<string> _switched = new(StringComparer.Ordinal);

    public void BeforeStep(string runId, AgentWorkItem item)
    {
        if (item.Variables?.GetValueOrDefault(Variable) != "true" || _switched.Contains(runId))
        {
            return;
        }

        var record = RecordPath(runId);
        if (!File.Exists(record))
        {
            Write(record, plan.Record().ToText());
        }

        plan.SwitchToHighPerformance();
        _switched.Add(runId);
    }

    public void AfterStep(string runId, AgentWorkItem item, WorkItemResult result)
    {
        if (item.StepType == StepTypeIds.ApplyOperatingSystemImage && result.Succeeded != false && result.ExitCode == 0 && File.Exists(RecordPath(runId)))
        {
            // The plan recorded belonged to the system that was just replaced.
            Write(RecordPath(runId), WipedMarker);
        }
    }

    public void RunEnded(string runId)
    {
        var record = RecordPath(runId);
        if (!File.Exists(record))
        {
            return;
        }

        var text = File.ReadAllText(record);
        if (text == WipedMarker)
        {
            plan.RestoreDefault();
        }
        else
        {
            plan.Restore(PowerPlanRecord.Parse(text));
        }

        File.Delete(record);
        _switched.Remove(runId);
    }

    private string RecordPath(string runId) => Path.Combine(stateDirectory, $"power-plan.{runId}.txt");

    private void Write(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(stateDirectory);
    }
}
