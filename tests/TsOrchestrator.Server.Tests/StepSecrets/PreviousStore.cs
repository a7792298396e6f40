using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Serialization;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.StepSecrets;

/// <summary>
/// Turns a store back into what the code before step secrets were protected wrote: every step secret in clear in the
/// versions, the run definitions, the pending work items and the runs' variables.
/// </summary>
internal static class PreviousStore
{
    public static async Task WriteSecretsInClearAsync(ServerFactory server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(StepSecretProtector.Purpose);
        string Clear(string value) => value.StartsWith(StepSecretProtector.Prefix, StringComparison.Ordinal) ? protector.Unprotect(value[StepSecretProtector.Prefix.Length..]) : value;
        TaskSequence ClearDocument(TaskSequence document) => StepSecretValues.Rewrite(document, (value, _) => Clear(value));

        foreach (var version in await store.TaskSequenceVersions.ToListAsync())
        {
            version.Content = NativeFormat.Serialize(ClearDocument(NativeFormat.Deserialize(version.Content)));
        }

        foreach (var definition in await store.RunDefinitions.ToListAsync())
        {
            var documents = JsonSerializer.Deserialize<string[]>(definition.Documents)!.Select(d => ClearDocument(NativeFormat.Deserialize(d))).ToList();
            definition.Documents = DefinitionCache.Snapshot(documents[0], documents.Skip(1));
        }

        foreach (var run in await store.Runs.ToListAsync())
        {
            if (run.PendingWorkItem is { } pending)
            {
                var item = JsonSerializer.Deserialize<AgentWorkItem>(pending, AgentJson.Options)!;
                run.PendingWorkItem = JsonSerializer.Serialize(item with { Settings = StepSecretValues.Rewrite(item.StepType, item.Settings, (value, _) => Clear(value)) }, AgentJson.Options);
            }

            var state = RunStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(run.State));
            foreach (var (name, value) in state.Variables.ToList())
            {
                state.Variables.Set(name, Clear(value));
            }

            run.State = System.Text.Encoding.UTF8.GetString(RunStateSerializer.Serialize(state));
        }

        await store.SaveChangesAsync();
    }
}
