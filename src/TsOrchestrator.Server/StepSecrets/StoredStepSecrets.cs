using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Serialization;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.StepSecrets;

/// <summary>
/// Protects, at start after the migrations, every step secret a store written before they were protected still holds in
/// clear: in task sequence versions, in run definitions, and in the runs of those definitions (the pending work item's
/// settings, and the Set Dynamic Variables secrets in the run's variables). A migration cannot do it (it has no key
/// ring), and the <see cref="StepSecretProtector.Prefix"/> already tells a protected value from a clear one, so no
/// column marks what is done: a second start finds nothing to change. Only rows whose text names a secret setting or
/// a secret rule are read.
/// </summary>
public sealed partial class StoredStepSecrets(StoreContext store, StepSecretProtector secrets, ILogger<StoredStepSecrets> logger)
{
    public async Task ProtectAsync(CancellationToken cancellationToken)
    {
        var versions = await ProtectVersionsAsync(cancellationToken);
        var (definitions, runs) = await ProtectRunDefinitionsAsync(cancellationToken);
        if (versions + definitions + runs > 0)
        {
            LogProtected(logger, versions, definitions, runs);
        }
    }

    private async Task<int> ProtectVersionsAsync(CancellationToken cancellationToken)
    {
        var keys = await store.TaskSequenceVersions.AsNoTracking().Where(Mentions<TaskSequenceVersionEntity>(v => v.Content))
            .Select(v => new { v.SequenceId, v.Version }).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var key in keys)
        {
            var content = await store.TaskSequenceVersions.AsNoTracking().Where(v => v.SequenceId == key.SequenceId && v.Version == key.Version)
                .Select(v => v.Content).FirstAsync(cancellationToken);
            var document = NativeFormat.Deserialize(content, $"task sequence {key.SequenceId} version {key.Version}");
            var protectedDocument = secrets.Protect(document);
            if (ReferenceEquals(protectedDocument, document))
            {
                continue;
            }

            var bytes = NativeFormat.SerializeToUtf8(protectedDocument);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            await store.TaskSequenceVersions.Where(v => v.SequenceId == key.SequenceId && v.Version == key.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Content, text).SetProperty(v => v.ContentHash, hash).SetProperty(v => v.SizeBytes, bytes.Length), cancellationToken);
            changed++;
        }

        return changed;
    }

    /// <summary>
    /// A definition's runs are protected before the definition: were the start interrupted in between, the next one
    /// finds the definition still in clear and visits its runs again. A run that changed meanwhile (another node ran
    /// it) keeps its definition in clear until a later start.
    /// </summary>
    private async Task<(int Definitions, int Runs)> ProtectRunDefinitionsAsync(CancellationToken cancellationToken)
    {
        var hashes = await store.RunDefinitions.AsNoTracking().Where(Mentions<RunDefinitionEntity>(d => d.Documents))
            .Select(d => d.Hash).ToListAsync(cancellationToken);
        var (definitions, runs) = (0, 0);
        foreach (var hash in hashes)
        {
            var stored = await store.RunDefinitions.AsNoTracking().Where(d => d.Hash == hash).Select(d => d.Documents).FirstAsync(cancellationToken);
            var documents = (JsonSerializer.Deserialize<string[]>(stored) ?? [])
                .Select((d, i) => NativeFormat.Deserialize(d, $"run definition {hash} document {i}")).ToList();
            var protectedDocuments = documents.Select(secrets.Protect).ToList();
            if (protectedDocuments.SequenceEqual(documents, ReferenceEqualityComparer.Instance))
            {
                continue;
            }

            var (protectedRuns, allRuns) = await ProtectRunsAsync(hash, DynamicSecretNames(documents), cancellationToken);
            runs += protectedRuns;
            if (!allRuns)
            {
                continue;
            }

            var snapshot = DefinitionCache.Snapshot(protectedDocuments[0], protectedDocuments.Skip(1));
            await store.RunDefinitions.Where(d => d.Hash == hash).ExecuteUpdateAsync(s => s.SetProperty(d => d.Documents, snapshot), cancellationToken);
            definitions++;
        }

        return (definitions, runs);
    }

    private async Task<(int Changed, bool All)> ProtectRunsAsync(string hash, HashSet<string> dynamicSecrets, CancellationToken cancellationToken)
    {
        var ids = await store.Runs.AsNoTracking().Where(r => r.DefinitionHash == hash).Select(r => r.Id).ToListAsync(cancellationToken);
        var (changed, all) = (0, true);
        foreach (var id in ids)
        {
            var run = await store.Runs.FirstAsync(r => r.Id == id, cancellationToken);
            var pending = ProtectPending(run.PendingWorkItem);
            var state = ProtectState(run.State, dynamicSecrets);
            if (ReferenceEquals(pending, run.PendingWorkItem) && ReferenceEquals(state, run.State))
            {
                store.ChangeTracker.Clear();
                continue;
            }

            (run.PendingWorkItem, run.State) = (pending, state);
            run.ConcurrencyVersion++;
            try
            {
                await store.SaveChangesAsync(cancellationToken);
                changed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                all = false;
            }

            store.ChangeTracker.Clear();
        }

        return (changed, all);
    }

    private string? ProtectPending(string? pending)
    {
        if (pending is null || JsonSerializer.Deserialize<AgentWorkItem>(pending, AgentJson.Options) is not { } item)
        {
            return pending;
        }

        var settings = secrets.Protect(item.StepType, item.Settings);
        return ReferenceEquals(settings, item.Settings) ? pending : JsonSerializer.Serialize(item with { Settings = settings }, AgentJson.Options);
    }

    private string ProtectState(string state, HashSet<string> dynamicSecrets)
    {
        if (dynamicSecrets.Count == 0 || state.Length == 0)
        {
            return state;
        }

        var run = RunStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(state));
        var changed = false;
        foreach (var name in dynamicSecrets)
        {
            if (run.Variables.TryGetValue(name, out var value) && secrets.Protect(value, expandedOnServer: false) is var sealedValue &&
                !string.Equals(sealedValue, value, StringComparison.Ordinal))
            {
                run.Variables.Set(name, sealedValue);
                changed = true;
            }
        }

        return changed ? System.Text.Encoding.UTF8.GetString(RunStateSerializer.Serialize(run)) : state;
    }

    /// <summary>The variables Set Dynamic Variables steps of these documents mark secret.</summary>
    private static HashSet<string> DynamicSecretNames(IEnumerable<TaskSequence> documents) =>
        documents.SelectMany(d => NodePath.Walk(d.Nodes)).Select(p => p.Node)
            .OfType<StepNode>().Where(s => s.Type == StepTypeIds.SetDynamicVariables)
            .SelectMany(s => s.Settings.Where(p => string.Equals(p.Key, DynamicVariableSecretValues.RulesSetting, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(p => DynamicVariableSecretValues.Find(p.Value)).Select(v => v.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Rows whose text names a secret setting of the catalog or a rule's <c>secret</c> list, in either case: the only
    /// ones that can hold a step secret. Lower-casing is translated by both providers.
    /// </summary>
    private static Expression<Func<T, bool>> Mentions<T>(Expression<Func<T, string>> text)
    {
        var words = StepCatalog.All.SelectMany(t => t.Settings).Where(s => s.Secret).Select(s => s.Name.ToLowerInvariant())
            .Append("secret").Distinct(StringComparer.Ordinal).ToList();
        var lower = Expression.Call(text.Body, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var any = words.Select(w => (Expression)Expression.Call(lower, contains, Expression.Constant(w))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(any, text.Parameters);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Protected step secrets stored in clear: {Versions} task sequence versions, {Definitions} run definitions, {Runs} runs")]
    private static partial void LogProtected(ILogger logger, int versions, int definitions, int runs);
}
