using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Server.KeyRing;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.KeyRing;

/// <summary>Issue 15: the key ring lived in clear in each node's data folder. It is in the store, each key encrypted.</summary>
public sealed class KeyRingInStoreTests
{
    private const string Purpose = "TsOrchestrator.Tests.KeyRing";

    [Fact]
    public void First_start_makes_an_owner_only_key_file_and_stores_every_key_encrypted_with_it()
    {
        using var server = new ServerFactory();
        var protectedValue = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a secret");

        var keyFile = Path.Combine(server.DataDirectory, KeyRingSecret.DefaultFileName);
        Convert.FromBase64String(File.ReadAllText(keyFile).Trim()).Length.ShouldBe(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.Exists(Path.Combine(server.DataDirectory, DataFolderPermissions.KeyRingFolderName)).ShouldBeFalse("no key ring folder in the data folder");
        var keys = StoredKeyRing.Keys(server.DataDirectory);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("keyFileEncrypted", StringComparison.Ordinal) && !xml.Contains("masterKey", StringComparison.Ordinal),
            "a key's secret (its masterKey element) is only in the store encrypted");
        protectedValue.ShouldNotBeEmpty();
    }

    [Fact]
    public void A_secret_protected_before_a_restart_is_read_after_it()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string protectedValue;
            using (var first = new ServerFactory(dataDirectory: dataDirectory))
            {
                protectedValue = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("kept across restarts");
            }

            using var second = new ServerFactory(dataDirectory: dataDirectory);
            second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedValue).ShouldBe("kept across restarts");
            StoredKeyRing.Keys(dataDirectory).Count.ShouldBe(1, "the second start found the first start's key rather than make another");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
