using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>
/// A run's inspection as the API shows it: each history record with its net variable changes and condition
/// evaluation, and for one step its before and after variables, rebuilt from the run's change sets in order (the
/// start variables are the first of them).
/// </summary>
public sealed class RunInspectionReader(StoreContext store, DefinitionCache definitions, IOptions<RunInspectionOptions> options)
{
    public async Task<RunInspection> ReadAsync(RunEntity run, string? step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var definition = await DefinitionOfAsync(run.DefinitionHash, cancellationToken);
        var history = await store.RunHistory.AsNoTracking().Where(h => h.RunId == run.Id).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
        var wanted = step is null ? null : Resolve(run, definition, step);
        if (wanted is not null && !history.Exists(h => h.Path == wanted))
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, "Step not run",
                $"step '{step}' ({wanted}) has no history in run '{run.Id}': it has not run (or been skipped) yet", null);
        }

        var removed = run.InspectionRemovedAt is { } at
            ? $"inspection data removed on {at.ToString("u", CultureInfo.InvariantCulture)} by retention ({options.Value.InspectionRetentionDays} days, {RunInspectionOptions.Section}:{nameof(RunInspectionOptions.InspectionRetentionDays)})"
            : null;
        var rows = removed is not null ? []
            : await store.RunStepInspections.AsNoTracking().Where(i => i.RunId == run.Id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var secrets = await SecretNamesAsync(cancellationToken);
        var cappedAt = run.InspectionCappedAt;

        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var next = 0;
        var steps = new List<RunStepInspection>();
        foreach (var record in history)
        {
            var inspected = removed is null && (cappedAt is null || record.Sequence < cappedAt);
            string? condition = null;
            for (; next < rows.Count && (rows[next].Sequence < record.Sequence || (rows[next].Sequence == record.Sequence && rows[next].BeforeStep)); next++)
            {
                Apply(variables, rows[next].Changes);
                condition = rows[next].Sequence == record.Sequence ? rows[next].ConditionEvaluation ?? condition : condition;
            }

            var show = wanted is null || record.Path == wanted;
            var before = show && wanted is not null ? Masked(variables, secrets) : null;
            var changes = new List<VariableChange>();
            for (; next < rows.Count && rows[next].Sequence == record.Sequence; next++)
            {
                var own = StepInspectionRecorder.Deserialize(rows[next].Changes);
                changes.AddRange(own);
                Apply(variables, own);
                condition = rows[next].ConditionEvaluation ?? condition;
            }

            if (!show)
            {
                continue;
            }

            steps.Add(new RunStepInspection
            {
                Sequence = record.Sequence, Path = record.Path, NamePath = NamePath(definition, record.Path, record.Name), Name = record.Name,
                StepType = record.StepType, Outcome = record.Outcome, Reason = record.Reason, ExitCode = record.ExitCode, Attempt = record.Attempt,
                WorkItemId = record.WorkItemId, StartedAt = record.StartedAt, EndedAt = record.EndedAt, Inspected = inspected,
                ConditionEvaluation = condition, Changes = Net(changes, secrets),
                Before = before, After = before is null ? null : Masked(variables, secrets),
                Log = wanted is null || record.WorkItemId is null ? null : await LogAsync(run.Id, record.WorkItemId, cancellationToken),
            });
        }

        return new RunInspection
        {
            RunId = run.Id, Status = run.Status, CapBytes = options.Value.InspectionBytesPerRun, BytesKept = run.InspectionBytes,
            Capped = cappedAt is { } capped ? CappedText(definition, history, capped, options.Value.InspectionBytesPerRun) : null, Removed = removed, Steps = steps,
        };
    }

    /// <summary>A step named by its index path or its name path (groups and step names joined by '/', any case).</summary>
    private static string Resolve(RunEntity run, WorkflowDefinition definition, string step)
    {
        if (definition.TryGetIndex(step, out _))
        {
            return step;
        }

        var matches = definition.Activities.Where(a => string.Equals(NamePath(definition, a.Path, a.Name), step.Trim('/'), StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0].Path,
            0 => throw Problem.BadRequest("step", $"step: '{step}' is not a step of run '{run.Id}' (name it by its groups and name, e.g. 'Install/Apply OS', or by its index path, e.g. '2/0')"),
            _ => throw Problem.BadRequest("step", $"step: '{step}' names {matches.Count} steps of run '{run.Id}' ({string.Join(", ", matches.Select(m => m.Path))}): name it by its index path"),
        };
    }

    /// <summary>The node's name through its groups, e.g. <c>Install/Apply Operating System</c>.</summary>
    public static string NamePath(WorkflowDefinition definition, string path, string name)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.TryGetIndex(path, out var index))
        {
            return name; // a node added before the sequence (run another program first) has no place in the tree
        }

        var names = new List<string>();
        for (var i = index; i >= 0; i = definition[i].Parent)
        {
            names.Add(definition[i].Name);
        }

        names.Reverse();
        return string.Join('/', names);
    }

    private static string CappedText(WorkflowDefinition definition, List<RunHistoryEntity> history, int capped, long cap)
    {
        var last = history.LastOrDefault(h => h.Sequence < capped);
        var where = last is null ? "capped before the first step" : $"capped after step '{NamePath(definition, last.Path, last.Name)}' (#{last.Sequence})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{where}: the run reached its {cap:N0} bytes of inspection data ({RunInspectionOptions.Section}:{nameof(RunInspectionOptions.InspectionBytesPerRun)}); later steps keep their history and log, not their variables");
    }

    private static void Apply(Dictionary<string, string> variables, string json) => Apply(variables, StepInspectionRecorder.Deserialize(json));

    private static void Apply(Dictionary<string, string> variables, IReadOnlyList<VariableChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.After is null)
            {
                variables.Remove(change.Name);
            }
            else
            {
                variables[change.Name] = change.After;
            }
        }
    }

    /// <summary>Each variable's change from its first before to its last after; one changed back is no change.</summary>
    private static List<VariableChangeInfo> Net(List<VariableChange> changes, HashSet<string> secrets)
    {
        var net = new Dictionary<string, (string? Before, string? After)>(StringComparer.OrdinalIgnoreCase);
        foreach (var change in changes)
        {
            net[change.Name] = net.TryGetValue(change.Name, out var seen) ? (seen.Before, change.After) : (change.Before, change.After);
        }

        return [.. net.Where(n => !string.Equals(n.Value.Before, n.Value.After, StringComparison.Ordinal))
            .OrderBy(n => n.Key, StringComparer.OrdinalIgnoreCase)
            .Select(n => new VariableChangeInfo
            {
                Name = n.Key,
                Change = n.Value.Before is null ? "Added" : n.Value.After is null ? "Removed" : "Changed",
                Before = Mask(n.Key, n.Value.Before, secrets),
                After = Mask(n.Key, n.Value.After, secrets),
            })];
    }

    private static Dictionary<string, string> Masked(Dictionary<string, string> variables, HashSet<string> secrets) =>
        variables.ToDictionary(v => v.Key, v => Mask(v.Key, v.Value, secrets)!, StringComparer.OrdinalIgnoreCase);

    private static string? Mask(string name, string? value, HashSet<string> secrets) =>
        value is not null && secrets.Contains(name) ? InspectedValues.Masked : value;

    /// <summary>
    /// The names of secret variables, of any collection or device: a step may set a variable of such a name (its value
    /// then came from the secret), so its values are masked whatever they hold. Masking a name another device holds
    /// in clear hides more than needed, never less.
    /// </summary>
    private async Task<HashSet<string>> SecretNamesAsync(CancellationToken cancellationToken) =>
        new(await store.Variables.AsNoTracking().Where(v => v.Secret).Select(v => v.Name).Distinct().ToListAsync(cancellationToken),
            StringComparer.OrdinalIgnoreCase);

    private async Task<string> LogAsync(string runId, string workItemId, CancellationToken cancellationToken)
    {
        var chunks = await store.RunLogChunks.AsNoTracking().Where(c => c.RunId == runId && c.WorkItemId == workItemId)
            .OrderBy(c => c.Offset).Select(c => c.Text).ToListAsync(cancellationToken);
        return new StringBuilder().AppendJoin("", chunks).ToString();
    }

    private async Task<WorkflowDefinition> DefinitionOfAsync(string hash, CancellationToken cancellationToken)
    {
        if (definitions.TryGet(hash, out var cached))
        {
            return cached;
        }

        var stored = await store.RunDefinitions.AsNoTracking().FirstAsync(d => d.Hash == hash, cancellationToken);
        return definitions.Rebuild(stored.Hash, stored.Documents);
    }
}
