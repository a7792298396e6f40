using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>
/// Moves the per-node key ring of older versions (<c>&lt;data&gt;/keys</c>, keys in clear) into the store, each key's
/// secret encrypted as Data Protection itself encrypts a new key's, and deletes the clear files once the store has them.
/// </summary>
public static class LegacyKeyRing
{
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";

    /// <summary>Returns how many keys (and revocations) it imported.</summary>
    public static async Task<int> ImportAsync(StoreContext store, StorageOptions storage, IXmlEncryptor encryptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(encryptor);
        var folder = Path.Combine(storage.DataDirectory, DataFolderPermissions.KeyRingFolderName);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var stored = (await store.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(folder, "*.xml");
        var imported = 0;
        foreach (var file in files)
        {
            // The file repository names each file after the friendly name it was given ("key-{id}"), as the store does.
            var friendlyName = Path.GetFileNameWithoutExtension(file);
            if (stored.Contains(friendlyName))
            {
                continue; // imported by another node of the site, or by a start that stopped before deleting the files
            }

            var element = XElement.Load(file);
            Seal(element, encryptor);
            store.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            imported++;
        }

        await store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Directory.Delete(folder, recursive: true);
        return imported;
    }

    /// <summary>Replaces each element Data Protection marked as secret with its encrypted form, in place.</summary>
    private static void Seal(XElement key, IXmlEncryptor encryptor)
    {
        foreach (var secret in key.DescendantsAndSelf().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList())
        {
            var encrypted = encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!), encrypted.EncryptedElement));
        }
    }
}
