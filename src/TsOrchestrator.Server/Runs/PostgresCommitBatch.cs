using Npgsql;
using NpgsqlTypes;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// A group commit on PostgreSQL as one batch: one round trip for every transition and new run it holds. A batch sent
/// without a transaction of its own runs in PostgreSQL's implicit transaction up to its one Sync, so it commits, durably,
/// all or nothing, without a BEGIN or a COMMIT of its own. Each transition is one statement that moves the run's version
/// and, only if it moved, adds its history and inspection rows, and reports whether it did: a transition that lost the
/// race writes nothing and leaves the others of the batch to commit. It also says whether the site has a secret variable,
/// which the agent's answer needs and a transition that skipped the run's load has not asked.
/// </summary>
internal static class PostgresCommitBatch
{
    private const string Transition = """
        WITH moved AS (
            UPDATE "Runs" SET "Status" = $1, "State" = $2, "PendingWorkItem" = $3, "CurrentStep" = $4, "HistoryCount" = $5,
                "UpdatedAt" = $6, "ConcurrencyVersion" = $7, "InspectionBytes" = $8, "InspectionCappedAt" = $9
            WHERE "Id" = $10 AND "ConcurrencyVersion" = $11
            RETURNING 1),
        history AS (
            INSERT INTO "RunHistory" ("RunId", "Sequence", "Path", "Name", "StepType", "Outcome", "Reason", "ExitCode", "Attempt", "WorkItemId", "StartedAt", "EndedAt")
            SELECT $10, h.* FROM unnest($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) AS h
            WHERE EXISTS (SELECT 1 FROM moved)),
        inspections AS (
            INSERT INTO "RunStepInspections" ("RunId", "Sequence", "BeforeStep", "Changes", "ConditionEvaluation")
            SELECT $10, i.* FROM unnest($23, $24, $25, $26) AS i
            WHERE EXISTS (SELECT 1 FROM moved))
        SELECT count(*), EXISTS (SELECT 1 FROM "Variables" WHERE "Secret") FROM moved
        """;

    private const string InsertDefinition = """
        INSERT INTO "RunDefinitions" ("Hash", "Documents") VALUES ($1, $2) ON CONFLICT ("Hash") DO NOTHING
        """;

    private const string InsertRun = """
        INSERT INTO "Runs" ("Id", "DeploymentId", "DeviceId", "SequenceId", "SequenceVersion", "Status", "State", "DefinitionHash",
            "PendingWorkItem", "CurrentStep", "HistoryCount", "Deadline", "CreatedAt", "UpdatedAt", "ConcurrencyVersion",
            "InspectionBytes", "InspectionCappedAt")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        """;

    private const string InsertHistory = """
        INSERT INTO "RunHistory" ("RunId", "Sequence", "Path", "Name", "StepType", "Outcome", "Reason", "ExitCode", "Attempt", "WorkItemId", "StartedAt", "EndedAt")
        SELECT $1, h.* FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) AS h
        """;

    private const string InsertInspections = """
        INSERT INTO "RunStepInspections" ("RunId", "Sequence", "BeforeStep", "Changes", "ConditionEvaluation")
        SELECT $1, i.* FROM unnest($2, $3, $4, $5) AS i
        """;

    /// <summary>One transition: the run's guarded update with its rows; its result is one row: 1 if it moved the run, and whether any secret variable exists.</summary>
    public static NpgsqlBatchCommand TransitionCommand(RunProgress before, RunProgress after, int historyCount, DateTimeOffset updatedAt,
        IReadOnlyList<RunHistoryEntity> history, Inspection.StepInspectionWrite inspection)
    {
        var command = new NpgsqlBatchCommand(Transition);
        Add(command, NpgsqlDbType.Text, after.Status);
        Add(command, NpgsqlDbType.Text, after.State);
        Add(command, NpgsqlDbType.Text, after.PendingWorkItem);
        Add(command, NpgsqlDbType.Text, after.CurrentStep);
        Add(command, NpgsqlDbType.Integer, historyCount);
        Add(command, NpgsqlDbType.TimestampTz, updatedAt.ToUniversalTime());
        Add(command, NpgsqlDbType.Bigint, after.ConcurrencyVersion);
        Add(command, NpgsqlDbType.Bigint, inspection.Bytes);
        Add(command, NpgsqlDbType.Integer, inspection.CappedAt);
        Add(command, NpgsqlDbType.Text, before.Id);
        Add(command, NpgsqlDbType.Bigint, before.ConcurrencyVersion);
        AddHistory(command, history);
        AddInspections(command, inspection.Rows);
        return command;
    }

    /// <summary>A new run's rows: its definition's documents when given, the run, its first history and inspection rows.</summary>
    public static IEnumerable<NpgsqlBatchCommand> NewRunCommands(RunEntity run, RunDefinitionEntity? definition,
        IReadOnlyList<RunHistoryEntity> history, IReadOnlyList<RunStepInspectionEntity> inspection)
    {
        if (definition is not null)
        {
            var insertDefinition = new NpgsqlBatchCommand(InsertDefinition);
            Add(insertDefinition, NpgsqlDbType.Text, definition.Hash);
            Add(insertDefinition, NpgsqlDbType.Text, definition.Documents);
            yield return insertDefinition;
        }

        var insertRun = new NpgsqlBatchCommand(InsertRun);
        Add(insertRun, NpgsqlDbType.Text, run.Id);
        Add(insertRun, NpgsqlDbType.Text, run.DeploymentId);
        Add(insertRun, NpgsqlDbType.Text, run.DeviceId);
        Add(insertRun, NpgsqlDbType.Text, run.SequenceId);
        Add(insertRun, NpgsqlDbType.Integer, run.SequenceVersion);
        Add(insertRun, NpgsqlDbType.Text, run.Status);
        Add(insertRun, NpgsqlDbType.Text, run.State);
        Add(insertRun, NpgsqlDbType.Text, run.DefinitionHash);
        Add(insertRun, NpgsqlDbType.Text, run.PendingWorkItem);
        Add(insertRun, NpgsqlDbType.Text, run.CurrentStep);
        Add(insertRun, NpgsqlDbType.Integer, run.HistoryCount);
        Add(insertRun, NpgsqlDbType.TimestampTz, run.Deadline?.ToUniversalTime());
        Add(insertRun, NpgsqlDbType.TimestampTz, run.CreatedAt.ToUniversalTime());
        Add(insertRun, NpgsqlDbType.TimestampTz, run.UpdatedAt.ToUniversalTime());
        Add(insertRun, NpgsqlDbType.Bigint, run.ConcurrencyVersion);
        Add(insertRun, NpgsqlDbType.Bigint, run.InspectionBytes);
        Add(insertRun, NpgsqlDbType.Integer, run.InspectionCappedAt);
        yield return insertRun;

        if (history.Count > 0)
        {
            var insertHistory = new NpgsqlBatchCommand(InsertHistory);
            Add(insertHistory, NpgsqlDbType.Text, run.Id);
            AddHistory(insertHistory, history);
            yield return insertHistory;
        }

        if (inspection.Count > 0)
        {
            var insertInspections = new NpgsqlBatchCommand(InsertInspections);
            Add(insertInspections, NpgsqlDbType.Text, run.Id);
            AddInspections(insertInspections, inspection);
            yield return insertInspections;
        }
    }

    private static void AddHistory(NpgsqlBatchCommand command, IReadOnlyList<RunHistoryEntity> history)
    {
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Integer, history.Select(h => h.Sequence).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, history.Select(h => h.Path).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, history.Select(h => h.Name).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, history.Select(h => h.StepType).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, history.Select(h => h.Outcome).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, history.Select(h => h.Reason).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Integer, history.Select(h => h.ExitCode).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Integer, history.Select(h => h.Attempt).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, history.Select(h => h.WorkItemId).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, history.Select(h => h.StartedAt?.ToUniversalTime()).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, history.Select(h => h.EndedAt?.ToUniversalTime()).ToArray());
    }

    private static void AddInspections(NpgsqlBatchCommand command, IReadOnlyList<RunStepInspectionEntity> rows)
    {
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Integer, rows.Select(r => r.Sequence).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Boolean, rows.Select(r => r.BeforeStep).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.Changes).ToArray());
        Add(command, NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.ConditionEvaluation).ToArray());
    }

    private static void Add(NpgsqlBatchCommand command, NpgsqlDbType type, object? value) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
}
