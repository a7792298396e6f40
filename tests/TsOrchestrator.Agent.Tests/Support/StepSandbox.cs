using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Tests.Support;

/// <summary>A state folder of its own and step contexts in it, for running handlers on this machine.</summary>
internal sealed class StepSandbox : IDisposable
{
    private readonly List<StepLog> _logs = [];

    public string Root { get; } = Directory.CreateTempSubdirectory("tsorch-step-").FullName;

    public StepContext Context(string stepType, Dictionary<string, string> settings, Dictionary<string, string>? variables = null, int? timeoutMinutes = null)
    {
        var work = Path.Combine(Root, "work", stepType);
        Directory.CreateDirectory(work);
        var log = new StepLog(Path.Combine(Root, "logs", $"{stepType}.log"));
        _logs.Add(log);
        return new StepContext
        {
            RunId = "R1",
            WorkItem = new AgentWorkItem { Id = "w1", Kind = "Step", Path = "0", Name = stepType, StepType = stepType, Settings = settings, TimeoutMinutes = timeoutMinutes },
            Settings = settings,
            Variables = variables ?? [],
            Log = log,
            Options = new AgentOptions { Servers = [new Uri("http://127.0.0.1:9")], StateDirectory = Root },
            WorkDirectory = work,
        };
    }

    public void Dispose()
    {
        _logs.ForEach(l => l.Dispose());
        Directory.Delete(Root, recursive: true);
    }
}
