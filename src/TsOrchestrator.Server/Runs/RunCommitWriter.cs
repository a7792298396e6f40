using System.Diagnostics;
using TsOrchestrator.Engine.Running;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TsOrchestrator.Server.Runs.Inspection;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// Group commit for run transitions. Every transition must be durable before its result is acknowledged,
/// and a durable commit costs one fsync whatever it holds, so concurrent transitions share one: a single
/// writer takes every transition queued while the previous commit was syncing and commits them together.
/// One at a time this costs a thread hop; under load it lifts the rate above one commit per fsync and
/// removes the writers' contention for SQLite's single write lock. Each transition still keeps its own
/// optimistic-concurrency guard: one that lost the race writes nothing and its caller applies it again.
/// New runs are written here too, with their definition when it is new, so that a fleet starting its runs
/// shares the same commits instead of taking the write lock once each. On PostgreSQL a group commit is one
/// batch, one round trip (see <see cref="PostgresCommitBatch"/>).
/// </summary>
public sealed partial class RunCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    private readonly Channel<RunCommit> queue = Channel.CreateUnbounded<RunCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly SqliteWriteGate gate;
    private readonly ILogger<RunCommitWriter> logger;
    private readonly Telemetry.ServerMetrics metrics;
    private readonly Task loop;
    private AsyncServiceScope? scope;
    private Statements? statements;

    public RunCommitWriter(IServiceScopeFactory scopes, SqliteWriteGate gate, Telemetry.ServerMetrics metrics, ILogger<RunCommitWriter> logger)
    {
        this.scopes = scopes;
        this.gate = gate;
        this.metrics = metrics;
        this.logger = logger;
        loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Writes the run's new hot fields and its new history rows, durably; not written when another writer moved
    /// the run's version first (nothing is written then).
    /// </summary>
    public Task<RunCommitResult> SaveAsync(RunProgress before, RunProgress after, int historyCount, DateTimeOffset updatedAt,
        IReadOnlyList<RunHistoryEntity> history, StepInspectionWrite inspection)
    {
        return Enqueue(new RunCommit(before, after, historyCount, updatedAt, history, inspection));
    }

    /// <summary>
    /// Writes a new run and its first history rows, durably, with its definition's documents when
    /// <paramref name="definition"/> is given (kept once per hash: a definition already stored is left as it is).
    /// </summary>
    public Task InsertAsync(RunEntity run, IReadOnlyList<RunHistoryEntity> history, RunDefinitionEntity? definition, IReadOnlyList<RunStepInspectionEntity> inspection)
    {
        ArgumentNullException.ThrowIfNull(run);
        var progress = new RunProgress(run.Id, run.Status, run.State, run.PendingWorkItem, run.CurrentStep, run.ConcurrencyVersion);
        return Enqueue(new RunCommit(progress, progress, run.HistoryCount, run.UpdatedAt, history,
            new StepInspectionWrite(inspection, run.InspectionBytes, run.InspectionCappedAt)) { NewRun = run, NewDefinition = definition });
    }

    private Task<RunCommitResult> Enqueue(RunCommit commit)
    {
        if (!queue.Writer.TryWrite(commit))
        {
            throw new ObjectDisposedException(nameof(RunCommitWriter), "the server is stopping");
        }

        return commit.Done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<RunCommit>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var commit))
            {
                batch.Add(commit);
            }

            try
            {
                var written = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(written[i]);
                }
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad transition must not fail the others that happened to share its commit.
                LogBatchFailed(e, batch.Count);
                foreach (var commit in batch)
                {
                    await CommitAloneAsync(commit).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
        }
    }

    private async Task CommitAloneAsync(RunCommit commit)
    {
        try
        {
            var written = await CommitAsync([commit]).ConfigureAwait(false);
            commit.Done.TrySetResult(written[0]);
        }
        catch (Exception e)
        {
            commit.Done.TrySetException(e);
        }
    }

    private async Task<RunCommitResult[]> CommitAsync(IReadOnlyList<RunCommit> batch)
    {
        var sql = await StatementsAsync().ConfigureAwait(false);
        if (!sql.Sqlite)
        {
            return await CommitOnPostgresAsync(sql, batch).ConfigureAwait(false);
        }

        var written = new RunCommitResult[batch.Count];
        await gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);

        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var transaction = await sql.Connection.BeginTransactionAsync().ConfigureAwait(false);
            sql.Update.Transaction = transaction;
            sql.Insert.Transaction = transaction;
            sql.InsertRun.Transaction = transaction;
            sql.InsertDefinition.Transaction = transaction;
            sql.InsertInspection.Transaction = transaction;
            for (var i = 0; i < batch.Count; i++)
            {
                written[i] = new RunCommitResult(await WriteAsync(sql, batch[i]).ConfigureAwait(false), AnySecrets: null);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            Count(batch, written, Stopwatch.GetElapsedTime(started));
            return written;
        }
        catch
        {
            // The connection may be broken (a database restart): the next commit starts on a fresh one.
            await ResetAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            gate.Exit();
        }
    }

    /// <summary>The whole group commit in one round trip (see <see cref="PostgresCommitBatch"/>).</summary>
    private async Task<RunCommitResult[]> CommitOnPostgresAsync(Statements sql, IReadOnlyList<RunCommit> batch)
    {
        var written = new RunCommitResult[batch.Count];
        var transitions = new List<int>(batch.Count);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var commands = new NpgsqlBatch((NpgsqlConnection)sql.Connection);
            for (var i = 0; i < batch.Count; i++)
            {
                var commit = batch[i];
                if (commit.NewRun is { } run)
                {
                    foreach (var command in PostgresCommitBatch.NewRunCommands(run, commit.NewDefinition, commit.History, commit.Inspection.Rows))
                    {
                        commands.BatchCommands.Add(command);
                    }

                    written[i] = new RunCommitResult(true, AnySecrets: null);
                    continue;
                }

                commands.BatchCommands.Add(PostgresCommitBatch.TransitionCommand(commit.Before, commit.After, commit.HistoryCount, commit.UpdatedAt,
                    commit.History, commit.Inspection));
                transitions.Add(i);
            }

            // Prepared once per statement on the writer's own connection: a transition's statement is planned once, not
            // once per commit (a new run's statements, rarer, are prepared the first time too).
            await commands.PrepareAsync().ConfigureAwait(false);
            await using (var reader = await commands.ExecuteReaderAsync().ConfigureAwait(false))
            {
                var next = 0;
                do
                {
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        written[transitions[next++]] = new RunCommitResult(reader.GetInt64(0) == 1, reader.GetBoolean(1));
                    }
                }
                while (await reader.NextResultAsync().ConfigureAwait(false));
            }

            Count(batch, written, Stopwatch.GetElapsedTime(started));
            return written;
        }
        catch (Exception e)
        {
            if (StoreConnectionFailures.IsConnectionFailure(e))
            {
                // After a restart of PostgreSQL every idle connection of the pool is broken: the next commit takes a new one.
                NpgsqlConnection.ClearPool((NpgsqlConnection)sql.Connection);
            }

            await ResetAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Count(IReadOnlyList<RunCommit> batch, RunCommitResult[] written, TimeSpan elapsed)
    {
        metrics.StoreCommit(elapsed, batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var commit = batch[i];
            if (!written[i].Written)
            {
                continue;
            }

            if (commit.NewRun is not null)
            {
                metrics.RunStarted();
                continue;
            }

            metrics.StepTransition();
            if (RunStatuses.HasEnded(commit.After.Status) && !RunStatuses.HasEnded(commit.Before.Status))
            {
                metrics.RunFinished(commit.After.Status);
            }
        }
    }

    private static async Task<bool> WriteAsync(Statements sql, RunCommit commit)
    {
        if (commit.NewRun is { } run)
        {
            await InsertRunAsync(sql, run, commit.NewDefinition).ConfigureAwait(false);
            await InsertHistoryAsync(sql, commit.History).ConfigureAwait(false);
            await InsertInspectionAsync(sql, commit.Inspection.Rows).ConfigureAwait(false);
            return true;
        }

        var (before, after) = (commit.Before, commit.After);
        Statements.Set(sql.Update, 0, after.Status);
        Statements.Set(sql.Update, 1, after.State);
        Statements.Set(sql.Update, 2, after.PendingWorkItem);
        Statements.Set(sql.Update, 3, after.CurrentStep);
        Statements.Set(sql.Update, 4, commit.HistoryCount);
        Statements.Set(sql.Update, 5, sql.Time(commit.UpdatedAt));
        Statements.Set(sql.Update, 6, after.ConcurrencyVersion);
        Statements.Set(sql.Update, 7, before.Id);
        Statements.Set(sql.Update, 8, before.ConcurrencyVersion);
        Statements.Set(sql.Update, 9, commit.Inspection.Bytes);
        Statements.Set(sql.Update, 10, commit.Inspection.CappedAt);
        if (await sql.Update.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
        {
            return false;
        }

        await InsertHistoryAsync(sql, commit.History).ConfigureAwait(false);
        await InsertInspectionAsync(sql, commit.Inspection.Rows).ConfigureAwait(false);
        return true;
    }

    private static async Task InsertRunAsync(Statements sql, RunEntity run, RunDefinitionEntity? definition)
    {
        if (definition is not null)
        {
            Statements.Set(sql.InsertDefinition, 0, definition.Hash);
            Statements.Set(sql.InsertDefinition, 1, definition.Documents);
            await sql.InsertDefinition.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        object?[] values =
        [
            run.Id, run.DeploymentId, run.DeviceId, run.SequenceId, run.SequenceVersion, run.Status, run.State, run.DefinitionHash,
            run.PendingWorkItem, run.CurrentStep, run.HistoryCount, sql.Time(run.Deadline), sql.Time(run.CreatedAt), sql.Time(run.UpdatedAt),
            run.ConcurrencyVersion, run.InspectionBytes, run.InspectionCappedAt,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            Statements.Set(sql.InsertRun, i, values[i]);
        }

        await sql.InsertRun.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task InsertHistoryAsync(Statements sql, IReadOnlyList<RunHistoryEntity> history)
    {
        foreach (var row in history)
        {
            Statements.Set(sql.Insert, 0, row.RunId);
            Statements.Set(sql.Insert, 1, row.Sequence);
            Statements.Set(sql.Insert, 2, row.Path);
            Statements.Set(sql.Insert, 3, row.Name);
            Statements.Set(sql.Insert, 4, row.StepType);
            Statements.Set(sql.Insert, 5, row.Outcome);
            Statements.Set(sql.Insert, 6, row.Reason);
            Statements.Set(sql.Insert, 7, row.ExitCode);
            Statements.Set(sql.Insert, 8, row.Attempt);
            Statements.Set(sql.Insert, 9, row.WorkItemId);
            Statements.Set(sql.Insert, 10, sql.Time(row.StartedAt));
            Statements.Set(sql.Insert, 11, sql.Time(row.EndedAt));
            await sql.Insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static async Task InsertInspectionAsync(Statements sql, IReadOnlyList<RunStepInspectionEntity> rows)
    {
        foreach (var row in rows)
        {
            Statements.Set(sql.InsertInspection, 0, row.RunId);
            Statements.Set(sql.InsertInspection, 1, row.Sequence);
            Statements.Set(sql.InsertInspection, 2, row.BeforeStep);
            Statements.Set(sql.InsertInspection, 3, row.Changes);
            Statements.Set(sql.InsertInspection, 4, row.ConditionEvaluation);
            await sql.InsertInspection.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The writer's own connection and its two statements, prepared once and reused for every commit.</summary>
    private async Task<Statements> StatementsAsync()
    {
        if (statements is not null)
        {
            return statements;
        }

        scope = scopes.CreateAsyncScope();
        var store = scope.Value.ServiceProvider.GetRequiredService<StoreContext>();
        await store.Database.OpenConnectionAsync().ConfigureAwait(false);
        var connection = store.Database.GetDbConnection();
        var sqlite = store.Database.IsSqlite();
        var update = Prepare(connection, sqlite, """
            UPDATE "Runs" SET "Status" = @p0, "State" = @p1, "PendingWorkItem" = @p2, "CurrentStep" = @p3,
                "HistoryCount" = @p4, "UpdatedAt" = @p5, "ConcurrencyVersion" = @p6, "InspectionBytes" = @p9, "InspectionCappedAt" = @p10
            WHERE "Id" = @p7 AND "ConcurrencyVersion" = @p8
            """, 11);
        var insert = Prepare(connection, sqlite, """
            INSERT INTO "RunHistory" ("RunId", "Sequence", "Path", "Name", "StepType", "Outcome", "Reason", "ExitCode", "Attempt", "WorkItemId", "StartedAt", "EndedAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
            """, 12);
        var insertRun = Prepare(connection, sqlite, """
            INSERT INTO "Runs" ("Id", "DeploymentId", "DeviceId", "SequenceId", "SequenceVersion", "Status", "State", "DefinitionHash",
                "PendingWorkItem", "CurrentStep", "HistoryCount", "Deadline", "CreatedAt", "UpdatedAt", "ConcurrencyVersion",
                "InspectionBytes", "InspectionCappedAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)
            """, 17);
        var insertDefinition = Prepare(connection, sqlite, """
            INSERT INTO "RunDefinitions" ("Hash", "Documents") VALUES (@p0, @p1) ON CONFLICT ("Hash") DO NOTHING
            """, 2);
        var insertInspection = Prepare(connection, sqlite, """
            INSERT INTO "RunStepInspections" ("RunId", "Sequence", "BeforeStep", "Changes", "ConditionEvaluation") VALUES (@p0, @p1, @p2, @p3, @p4)
            """, 5);
        statements = new Statements(connection, update, insert, insertRun, insertDefinition, insertInspection, sqlite);
        return statements;
    }

    private static DbCommand Prepare(DbConnection connection, bool sqlite, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        // Npgsql would need every parameter's type up front to prepare; its own statement cache serves there.
        if (sqlite)
        {
            command.Prepare();
        }

        return command;
    }

    private async Task ResetAsync()
    {
        if (statements is { } sql)
        {
            await sql.Update.DisposeAsync().ConfigureAwait(false);
            await sql.Insert.DisposeAsync().ConfigureAwait(false);
            await sql.InsertRun.DisposeAsync().ConfigureAwait(false);
            await sql.InsertDefinition.DisposeAsync().ConfigureAwait(false);
            await sql.InsertInspection.DisposeAsync().ConfigureAwait(false);
            statements = null;
        }

        if (scope is { } owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
            scope = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Transitions already queued are committed before the store goes away.
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        await ResetAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} run transitions failed; committing them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed record RunCommit(RunProgress Before, RunProgress After, int HistoryCount, DateTimeOffset UpdatedAt, IReadOnlyList<RunHistoryEntity> History,
        StepInspectionWrite Inspection)
    {
        public TaskCompletionSource<RunCommitResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A run to insert (Before and After are its first state then).</summary>
        public RunEntity? NewRun { get; init; }

        public RunDefinitionEntity? NewDefinition { get; init; }
    }

    private sealed record Statements(DbConnection Connection, DbCommand Update, DbCommand Insert, DbCommand InsertRun, DbCommand InsertDefinition,
        DbCommand InsertInspection, bool Sqlite)
    {
        public static void Set(DbCommand command, int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

        /// <summary>Times as the store's provider keeps them: SQLite as EF's binary ticks, PostgreSQL as UTC timestamps.</summary>
        public object? Time(DateTimeOffset? value) =>
            value is not { } time ? null
            : Sqlite ? SqliteTime.ConvertToProvider(time)
            : time.ToUniversalTime();
    }
}
