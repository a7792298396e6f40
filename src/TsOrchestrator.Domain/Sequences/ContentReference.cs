namespace TsOrchestrator.Domain.Sequences;

/// <summary>One id of site content named by a sequence, where it is named and what kinds it may be.</summary>
/// <param name="Path">The node path of the step, or empty for the sequence's properties.</param>
/// <param name="Field">The setting or property naming it (<c>settings.ImagePackageID</c>, <c>advanced.bootImageId</c>).</param>
/// <param name="Owner">What a person calls the place: the step's name, or <c>Properties</c>.</param>
/// <param name="Id">The content id.</param>
/// <param name="Expected">The kinds the place accepts.</param>
/// <param name="ExpectedName">What the place calls it (<c>OS image</c>, <c>package</c>).</param>
public sealed record ContentReference(string Path, string Field, string Owner, string Id, IReadOnlyList<ContentKind> Expected, string ExpectedName);
