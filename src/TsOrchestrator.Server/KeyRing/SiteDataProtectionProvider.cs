using Microsoft.AspNetCore.DataProtection;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>
/// Data Protection under one application name on every node, so what one node protects every node reads. Before the
/// key ring moved into the store, a server had no application name and Data Protection isolated it by its content root
/// instead: what it protected then (secret variables, sealed step secrets) is still read with that old discriminator,
/// but nothing is protected with it again.
/// </summary>
public sealed class SiteDataProtectionProvider(IDataProtectionProvider root, string? legacyDiscriminator) : IDataProtectionProvider
{
    public const string ApplicationName = "TsOrchestrator";

    public IDataProtector CreateProtector(string purpose) =>
        new LegacyFallbackProtector(root.CreateProtector(ApplicationName).CreateProtector(purpose),
            legacyDiscriminator is null ? null : root.CreateProtector(legacyDiscriminator).CreateProtector(purpose));
}
