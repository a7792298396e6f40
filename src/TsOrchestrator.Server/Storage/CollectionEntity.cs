namespace TsOrchestrator.Server.Storage;

/// <summary>A collection of devices: direct members plus those its membership rule selects.</summary>
public sealed class CollectionEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Rule over device facts (<c>os</c>, <c>osVersion</c> prefix, <c>architecture</c>, <c>namePattern</c>) as JSON; null for none.</summary>
    public string? MembershipRule { get; set; }

    /// <summary>Decides between collection variables of the same name: the lower number wins (then collection id).</summary>
    public int VariablePriority { get; set; } = 100;

    public string Scopes { get; set; } = "default";
    public long ConcurrencyVersion { get; set; }
}
