namespace TsOrchestrator.Domain.Sequences;

/// <summary>
/// Finds site content by id: how validation knows that a package, image or application a step names exists and is of
/// the kind the step needs. Beside <see cref="ITaskSequenceResolver"/>, which finds child sequences.
/// </summary>
public interface IContentResolver
{
    /// <summary>The kind of the content with this id, or null when the site has none.</summary>
    ContentKind? KindOf(string contentId);
}
