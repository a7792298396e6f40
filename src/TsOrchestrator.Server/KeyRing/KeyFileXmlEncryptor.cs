using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>Encrypts each key's secret with AES-256-GCM under the key file before the key ring stores it.</summary>
public sealed class KeyFileXmlEncryptor(KeyRingSecret secret) : IXmlEncryptor
{
    public static readonly XName ElementName = XName.Get("keyFileEncrypted", "urn:tsorchestrator:keyring");

    public const string KeyIdAttribute = "keyFile";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(secret.Key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), AssociatedData(secret.Id));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName, new XAttribute(KeyIdAttribute, secret.Id), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }

    /// <summary>The key file's id is bound into the ciphertext, so the attribute naming it cannot be swapped.</summary>
    internal static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes(keyId);

    internal static (int Nonce, int Tag) Layout => (NonceBytes, TagBytes);
}
