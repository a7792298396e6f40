namespace TsOrchestrator.Server.Storage;

public sealed class DistributionPointGroupEntity : IScopedEntity
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string Scopes { get; set; } = "default";
    public long ConcurrencyVersion { get; set; }
}
