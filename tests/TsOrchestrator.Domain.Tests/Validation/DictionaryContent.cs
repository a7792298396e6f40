using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Tests.Validation;

/// <summary>Site content over a fixed set of ids, as the server's store answers.</summary>
internal sealed class DictionaryContent(params (string Id, ContentKind Kind)[] content) : IContentResolver
{
    private readonly Dictionary<string, ContentKind> byId = content.ToDictionary(static c => c.Id, static c => c.Kind, StringComparer.OrdinalIgnoreCase);

    public ContentKind? KindOf(string contentId) => byId.TryGetValue(contentId, out var kind) ? kind : null;
}
