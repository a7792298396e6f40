using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// The document at one moment of the editing session, for undo and redo: the immutable domain sequence, plus what
/// typing can hold that the domain cannot (success codes as typed, which may not parse yet), by node id.
/// </summary>
public sealed record EditorSnapshot(TaskSequence Sequence, IReadOnlyDictionary<string, string> SuccessCodesTyped);
