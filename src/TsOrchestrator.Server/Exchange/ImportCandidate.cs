using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Server.Exchange;

/// <summary>One object of an import with what the preview found for it: a sequence or a package, and its duplicate on this server.</summary>
public sealed record ImportCandidate(ImportPreviewObject Preview, TaskSequence? Sequence, ImportedPackage? Package);
