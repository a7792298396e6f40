using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>
/// At start, before anything protects or reads a secret: imports an older version's per-node key ring, checks this
/// node can decrypt every key in the store (or stops, naming the setting), and makes the first key when there is none.
/// </summary>
public static partial class KeyRingStartup
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);
    private static readonly XName EncryptedSecret = XName.Get("encryptedSecret", "http://schemas.asp.net/2015/03/dataProtection");

    public static async Task PrepareAsync(IServiceProvider services, StoreContext store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<KeyRingOptions>>().Value;
        var setting = options.CertificatePath is { Length: > 0 } certificate
            ? $"DataProtection:CertificatePath ({Path.GetFullPath(certificate)})"
            : services.GetRequiredService<KeyRingSecret>().Setting;
        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor
            ?? throw new InvalidOperationException("the key ring has no encryptor");

        var imported = await LegacyKeyRing.ImportAsync(store, services.GetRequiredService<IOptions<StorageOptions>>().Value, encryptor, cancellationToken).ConfigureAwait(false);
        if (imported > 0)
        {
            LogImported(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingStartup)), imported, setting);
        }

        // Decrypted here first, quietly: through the key manager a key that fails is logged with its stack trace.
        foreach (var xml in await store.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                DecryptSecrets(services, xml);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw Unusable(setting, ex);
            }
        }

        var keyManager = services.GetRequiredService<IKeyManager>();
        var keys = keyManager.GetAllKeys();
        foreach (var key in keys)
        {
            try
            {
                _ = key.Descriptor;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw Unusable(setting, ex);
            }
        }

        if (keys.Count == 0)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            keyManager.CreateNewKey(now, now + KeyLifetime);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved {Count} Data Protection keys from the data folder's keys folder into the store, encrypted with {Setting}, and deleted the folder")]
    private static partial void LogImported(ILogger logger, int count, string setting);

    private static void DecryptSecrets(IServiceProvider services, string? xml)
    {
        foreach (var secret in XElement.Parse(xml ?? "<key />").Descendants(EncryptedSecret))
        {
            var decryptorType = (string?)secret.Attribute("decryptorType");
            var type = decryptorType is null ? null : Type.GetType(decryptorType, throwOnError: false);
            if (type is null || !typeof(IXmlDecryptor).IsAssignableFrom(type))
            {
                throw new CryptographicException($"a key is encrypted with {decryptorType ?? "no named decryptor"}, which this node does not have");
            }

            ((IXmlDecryptor)ActivatorUtilities.CreateInstance(services, type)).Decrypt(secret.Elements().Single());
        }
    }

    private static KeyRingUnusableException Unusable(string setting, Exception exception) => new(
        $"the site's key ring in the store cannot be decrypted with {setting}: {Reason(exception)}. Every node needs the same key file (DataProtection:KeyFile) or certificate (DataProtection:CertificatePath).",
        exception);

    private static string Reason(Exception exception)
    {
        while (exception.InnerException is { } inner && exception is not CryptographicException)
        {
            exception = inner;
        }

        return exception.Message.TrimEnd('.');
    }
}
