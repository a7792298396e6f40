using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.KeyRing;

/// <summary>Data Protection for a site of one or more nodes: the key ring in the store, encrypted, one application name.</summary>
public static class KeyRingServiceCollectionExtensions
{
    public static IServiceCollection AddSiteKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KeyRingOptions.Section);
        services.AddOptions<KeyRingOptions>().Bind(section)
            .Validate(o => string.IsNullOrEmpty(o.KeyFile) || string.IsNullOrEmpty(o.CertificatePath),
                "DataProtection:KeyFile and DataProtection:CertificatePath are both set: the key ring is encrypted with one of them")
            .ValidateOnStart();
        var options = section.Get<KeyRingOptions>() ?? new KeyRingOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();

        var builder = services.AddDataProtection();
        if (storage.Provider == StorageProvider.Postgres)
        {
            builder.PersistKeysToDbContext<PostgresStoreContext>();
        }
        else
        {
            builder.PersistKeysToDbContext<SqliteStoreContext>();
        }

        if (options.CertificatePath is { Length: > 0 })
        {
            builder.ProtectKeysWithCertificate(LoadCertificate(options.CertificatePath, options.CertificatePassword));
        }
        else
        {
            services.AddSingleton(sp => KeyRingSecret.Load(sp.GetRequiredService<IOptions<KeyRingOptions>>().Value, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) => o.XmlEncryptor = new KeyFileXmlEncryptor(sp.GetRequiredService<KeyRingSecret>()));
        }

        // The provider Data Protection registers applies the application discriminator; with none it is the root,
        // under which the site's name and the old content-root discriminator are both reachable.
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        var factory = registered.ImplementationFactory ?? throw new InvalidOperationException("Data Protection registers its provider with a factory");
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(sp => new SiteDataProtectionProvider((IDataProtectionProvider)factory(sp), sp.GetApplicationUniqueIdentifier()));
        services.PostConfigure<DataProtectionOptions>(o => o.ApplicationDiscriminator = null);
        return services;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(fullPath, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new KeyRingUnusableException($"DataProtection:CertificatePath ({fullPath}) cannot be loaded: {ex.Message.TrimEnd('.')} (a .pfx with the private key; its password in DataProtection:CertificatePassword).", ex);
        }
    }
}
