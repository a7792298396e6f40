using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>
/// Turns a transition's variable changes and condition evaluations into inspection rows, within the run's byte cap.
/// Only change sets are kept (a step's before view is rebuilt from the earlier ones), so a long run stays small; a
/// run that reaches the cap is marked at the first step it could not keep, never cut silently.
/// </summary>
public sealed class StepInspectionRecorder(IOptions<RunInspectionOptions> options)
{
    private readonly long cap = options.Value.InspectionBytesPerRun;

    public StepInspectionWrite Record(string runId, int historyCount, Transition transition, long bytes, int? cappedAt)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (cappedAt is not null || (transition.Preludes.Count == 0 && !transition.Records.Exists(r => r.VariablesChanged is not null || r.ConditionEvaluation is not null)))
        {
            return StepInspectionWrite.Unchanged(bytes, cappedAt);
        }

        var rows = new List<RunStepInspectionEntity>();
        var prelude = 0;
        for (var i = 0; i <= transition.Records.Count; i++)
        {
            // Changes no step made come before the record they precede, so rows stay in the order things happened.
            for (; prelude < transition.Preludes.Count && transition.Preludes[prelude].BeforeRecord == i; prelude++)
            {
                var before = transition.Preludes[prelude];
                if (!Add(Row(runId, historyCount + i, beforeStep: true, before.Changes, before.ConditionEvaluation)))
                {
                    return new StepInspectionWrite(rows, bytes, historyCount + i);
                }
            }

            if (i < transition.Records.Count && transition.Records[i] is { } record &&
                (record.VariablesChanged is not null || record.ConditionEvaluation is not null) &&
                !Add(Row(runId, historyCount + i, beforeStep: false, record.VariablesChanged ?? [], record.ConditionEvaluation)))
            {
                return new StepInspectionWrite(rows, bytes, historyCount + i);
            }
        }

        return new StepInspectionWrite(rows, bytes, null);

        bool Add(RunStepInspectionEntity row)
        {
            var size = Encoding.UTF8.GetByteCount(row.Changes) + (row.ConditionEvaluation is null ? 0 : Encoding.UTF8.GetByteCount(row.ConditionEvaluation));
            if (bytes + size > cap)
            {
                return false;
            }

            bytes += size;
            rows.Add(row);
            return true;
        }
    }

    private static RunStepInspectionEntity Row(string runId, int sequence, bool beforeStep, IReadOnlyList<VariableChange> changes, string? condition) => new()
    {
        RunId = runId, Sequence = sequence, BeforeStep = beforeStep, Changes = Serialize(changes), ConditionEvaluation = condition,
    };

    /// <summary>The changes as compact JSON arrays, secret values masked.</summary>
    public static string Serialize(IReadOnlyList<VariableChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var change in changes)
            {
                json.WriteStartArray();
                json.WriteStringValue(change.Name);
                WriteValue(json, InspectedValues.Keep(change.Before));
                WriteValue(json, InspectedValues.Keep(change.After));
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The changes <see cref="Serialize"/> wrote.</summary>
    public static IReadOnlyList<VariableChange> Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => new VariableChange(e[0].GetString()!, e[1].GetString(), e[2].GetString()))];
    }

    private static void WriteValue(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
