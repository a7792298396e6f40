using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.KeyRing;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.KeyRing;

/// <summary>Issue 15: an operator's certificate, instead of a key file, encrypts the key ring in the store.</summary>
public sealed class CertificateKeyRingTests
{
    private const string Purpose = "TsOrchestrator.Tests.KeyRing";
    private const string Password = "test-certificate-password";

    [Fact]
    public void A_key_ring_encrypted_with_a_certificate_is_read_after_a_restart_and_no_key_file_is_made()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        var certificatePath = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N") + ".pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(certificatePath)!);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=TsOrchestrator key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
            File.WriteAllBytes(certificatePath, certificate.Export(X509ContentType.Pfx, Password));
        }

        var settings = new Dictionary<string, string> { ["DataProtection:CertificatePath"] = certificatePath, ["DataProtection:CertificatePassword"] = Password };
        try
        {
            string protectedValue;
            using (var first = new ServerFactory(dataDirectory: dataDirectory, settings: settings))
            {
                protectedValue = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("under a certificate");
            }

            var keys = StoredKeyRing.Keys(dataDirectory);
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(xml => xml.Contains("EncryptedData", StringComparison.Ordinal) && !xml.Contains("masterKey", StringComparison.Ordinal));
            File.Exists(Path.Combine(dataDirectory, KeyRingSecret.DefaultFileName)).ShouldBeFalse();

            using var second = new ServerFactory(dataDirectory: dataDirectory, settings: settings);
            second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedValue).ShouldBe("under a certificate");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
            File.Delete(certificatePath);
        }
    }
}
