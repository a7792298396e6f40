using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TsOrchestrator.Server.KeyRing;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.KeyRing;

/// <summary>
/// Issue 15: a server that kept its key ring in <c>&lt;data&gt;/keys</c>, under the content root as application
/// discriminator, still reads what it protected then once the ring is in the store under the site's name.
/// </summary>
public sealed class KeyRingUpgradeTests
{
    [Fact]
    public void Secrets_an_older_version_protected_with_its_file_key_ring_are_read_after_the_upgrade()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string contentRoot;
            using (var before = new ServerFactory(dataDirectory: dataDirectory))
            {
                contentRoot = before.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            }

            // Back to what an older version left: a store without a key ring, no key file, the ring in <data>/keys.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            StoredKeyRing.Forget(dataDirectory);
            File.Delete(Path.Combine(dataDirectory, KeyRingSecret.DefaultFileName));
            var legacyFolder = Path.Combine(dataDirectory, DataFolderPermissions.KeyRingFolderName);
            var (variable, stepSecret) = ProtectAsTheOlderVersionDid(contentRoot, legacyFolder);
            Directory.GetFiles(legacyFolder, "key-*.xml").ShouldNotBeEmpty();

            using var upgraded = new ServerFactory(dataDirectory: dataDirectory);
            using (var scope = upgraded.Services.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<RunVariables>().Protector.Unprotect(variable).ShouldBe("collection secret from before");
            }

            var revealed = new List<string>();
            upgraded.Services.GetRequiredService<StepSecretProtector>().Reveal(stepSecret, revealed).ShouldBe("step secret from before");

            Directory.Exists(legacyFolder).ShouldBeFalse("the clear key files are gone once the store has the keys");
            var keys = StoredKeyRing.Keys(dataDirectory);
            keys.Count.ShouldBe(1, "the older version's key, imported; no new key made while it is still valid");
            keys.ShouldAllBe(xml => !xml.Contains("masterKey", StringComparison.Ordinal));

            // New secrets are protected under the site's name, not the old discriminator, and read back.
            var protector = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(RunVariables.Purpose);
            protector.Unprotect(protector.Protect("after")).ShouldBe("after");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The older version's Data Protection: a web host on the same content root, its keys as files, no application name.</summary>
    private static (string Variable, string StepSecret) ProtectAsTheOlderVersionDid(string contentRoot, string keyFolder)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
        using var app = builder.Build();
        var provider = app.Services.GetRequiredService<IDataProtectionProvider>();
        return (provider.CreateProtector(RunVariables.Purpose).Protect("collection secret from before"),
            StepSecretProtector.Prefix + provider.CreateProtector(StepSecretProtector.Purpose).Protect("step secret from before"));
    }
}
