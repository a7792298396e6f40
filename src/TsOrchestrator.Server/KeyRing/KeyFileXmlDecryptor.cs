using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>
/// Decrypts what <see cref="KeyFileXmlEncryptor"/> wrote. Data Protection makes it by type name from the stored key,
/// with the service provider: the key file is this node's <see cref="KeyRingSecret"/>.
/// </summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var secret = services.GetService<KeyRingSecret>()
            ?? throw new CryptographicException("the key ring is encrypted with a key file (DataProtection:KeyFile), and this node is set to use a certificate");
        var keyId = (string?)encryptedElement.Attribute(KeyFileXmlEncryptor.KeyIdAttribute);
        if (!string.Equals(keyId, secret.Id, StringComparison.Ordinal))
        {
            throw new CryptographicException($"the key ring is encrypted with another key file (id {keyId}) than {secret.Path} (id {secret.Id})");
        }

        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var (nonceBytes, tagBytes) = KeyFileXmlEncryptor.Layout;
        if (sealedBytes.Length < nonceBytes + tagBytes)
        {
            throw new CryptographicException("the encrypted key is truncated");
        }

        var plaintext = new byte[sealedBytes.Length - nonceBytes - tagBytes];
        using (var aes = new AesGcm(secret.Key, tagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, nonceBytes), sealedBytes.AsSpan(nonceBytes + tagBytes), sealedBytes.AsSpan(nonceBytes, tagBytes), plaintext,
                KeyFileXmlEncryptor.AssociatedData(secret.Id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
