using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Running;

/// <summary>Something that happened to a run: the input of <see cref="RunEngine.Apply(RunState, RunEvent)"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(StartRun), "start")]
[JsonDerivedType(typeof(WorkItemCompleted), "workItemCompleted")]
[JsonDerivedType(typeof(ConditionEvaluated), "conditionEvaluated")]
[JsonDerivedType(typeof(DeviceRestarted), "deviceRestarted")]
[JsonDerivedType(typeof(StepTimedOut), "stepTimedOut")]
[JsonDerivedType(typeof(CancelRun), "cancel")]
[JsonDerivedType(typeof(RunTimedOut), "runTimedOut")]
[JsonDerivedType(typeof(ResumeRun), "resume")]
public abstract record RunEvent
{
    /// <summary>When it happened, as the caller's clock says; the engine reads no clock.</summary>
    public DateTimeOffset? At { get; init; }
}
