using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Validation;

/// <summary>
/// Content a sequence names, looked up on the site: an id the site does not have, or one of another kind (a package
/// where an OS image belongs), fails on the device, so it is an error on the step and setting that names it.
/// </summary>
internal static class ContentReferenceRules
{
    public static void Validate(TaskSequence sequence, IContentResolver? content, ProblemCollector problems)
    {
        if (content is null)
        {
            return;
        }

        Validate(ContentReferences.Of(sequence), content, problems);
    }

    public static void Validate(IEnumerable<ContentReference> references, IContentResolver content, ProblemCollector problems)
    {
        foreach (var reference in references)
        {
            var kind = content.KindOf(reference.Id);
            if (kind is null)
            {
                problems.Error(reference.Path, reference.Field, $"{reference.Owner}: the {reference.ExpectedName} '{reference.Id}' does not exist on the site");
            }
            else if (!reference.Expected.Contains(kind.Value))
            {
                problems.Error(reference.Path, reference.Field,
                    $"{reference.Owner}: '{reference.Id}' is {Article(ContentReferences.NameOf(kind.Value))}, not {Article(reference.ExpectedName)}");
            }
        }
    }

    private static string Article(string noun) => (noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' or 'O' ? "an " : "a ") + noun;
}
