using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Domain.Capabilities;

namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// What differs by operating system, in one place: which step handlers and condition kinds the agent has (in the full
/// OS and in a boot image), how a step's processes are grouped and an interrupted step's are ended, how the device
/// restarts, how a command line is run, and the OS facts. The agent's reported capabilities are read from here.
/// </summary>
internal interface IAgentPlatform
{
    /// <summary><c>linux</c>, <c>windows</c> (or <c>macos</c>): the name facts, capabilities and messages use.</summary>
    string Name { get; }

    /// <summary>The OS release (<c>VERSION_ID</c> of /etc/os-release on Linux), else the kernel's version.</summary>
    string OsVersion { get; }

    /// <summary>The system's language as OS-language conditions compare it (<c>en-US</c>, <c>de-DE</c>).</summary>
    string OsLanguage { get; }

    /// <summary>The handlers of the step types this platform runs in <paramref name="environment"/>; without <paramref name="content"/>, the steps that download content are left out.</summary>
    IReadOnlyList<IStepHandler> StepHandlers(AgentEnvironment environment, ContentDownloader? content, StateMigrationPoint? stateMigration = null);

    /// <summary>Device-side condition kinds (<see cref="ConditionKinds"/>) this platform evaluates.</summary>
    IReadOnlyList<string> ConditionKinds { get; }

    /// <summary>The program and arguments that restart the device now.</summary>
    (string Program, string[] Arguments) RestartCommand { get; }

    /// <summary>A command line through the platform's shell (<c>/bin/sh -c</c>, <c>cmd.exe /c</c>).</summary>
    (string Program, string[] Arguments) ShellCommand(string commandLine);

    /// <summary>A group for the next step program, killed whole on cancel, time-out and restart.</summary>
    IStepProcessGroup ProcessGroupForStep(string stateDirectory);

    /// <summary>At the agent's start: ends what an interrupted step left running; returns the group ended, if any.</summary>
    int? EndInterruptedStep(string stateDirectory);
}
