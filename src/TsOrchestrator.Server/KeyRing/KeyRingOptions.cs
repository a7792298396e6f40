namespace TsOrchestrator.Server.KeyRing;

/// <summary>
/// How the Data Protection key ring in the store is encrypted (section <c>DataProtection</c>). Every node of a site
/// needs the same key file or the same certificate; with neither set, the node makes and uses
/// <c>&lt;data&gt;/keyring.key</c>, which is right for one node.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A file holding a 256-bit secret in base64 (<c>openssl rand -base64 32</c>) that encrypts the key ring.</summary>
    public string? KeyFile { get; set; }

    /// <summary>A PKCS#12 (.pfx) file with a certificate and its private key that encrypts the key ring, instead of a key file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}
