using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;

namespace TsOrchestrator.Server.Exchange;

/// <summary>A package of an import: its API record and the files of the exported version.</summary>
public sealed record ImportedPackage(PackageInfo Record, IReadOnlyList<ContentFile> Files, IReadOnlyList<StrippedSecret> StrippedSecrets);
