using System.Text.Json.Serialization;

namespace TsOrchestrator.Engine.Running;

/// <summary>What the engine asks its host to do after a transition.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(DispatchWorkItem), "dispatch")]
[JsonDerivedType(typeof(ScheduleStepTimeout), "scheduleStepTimeout")]
[JsonDerivedType(typeof(CancelWorkItem), "cancelWorkItem")]
[JsonDerivedType(typeof(CompleteRun), "complete")]
public abstract record EngineCommand;
