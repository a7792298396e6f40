namespace TsOrchestrator.Server.Storage;

/// <summary>
/// The documents a definition was compiled from, stored once per content hash and shared by every run
/// of it: cold data, read only to rebuild a definition the cache does not hold.
/// </summary>
public sealed class RunDefinitionEntity
{
    public required string Hash { get; set; }

    /// <summary>JSON array of native documents: the sequence first, then its children.</summary>
    public required string Documents { get; set; }
}
