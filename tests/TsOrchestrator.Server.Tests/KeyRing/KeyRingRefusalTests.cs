using System.Security.Cryptography;
using TsOrchestrator.Server.KeyRing;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.KeyRing;

/// <summary>
/// Issue 15: a node with another key served 500s for every secret. It refuses to start, in one line naming the
/// setting and the file.
/// </summary>
public sealed class KeyRingRefusalTests
{
    [Fact]
    public async Task A_server_whose_key_file_did_not_encrypt_the_stored_key_ring_refuses_to_start_naming_the_setting()
    {
        var server = new ServerProcess();
        try
        {
            await server.InitializeAsync();
            await server.KillAsync();
            var keyFile = Path.Combine(server.DataDirectory, KeyRingSecret.DefaultFileName);
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

            await Should.ThrowAsync<InvalidOperationException>(server.StartAsync);

            server.ExitCode.ShouldBe(1);
            server.Log.ShouldContain($"tsorch-server: the site's key ring in the store cannot be decrypted with DataProtection:KeyFile (not set, so {keyFile})");
            server.Log.ShouldNotContain("   at ", customMessage: "one line, no stack trace:\n" + server.Log);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_server_whose_named_key_file_is_missing_refuses_to_start_naming_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "tsorch-tests", Guid.NewGuid().ToString("N"), "site.key");
        var server = new ServerProcess { ExtraArguments = [$"--DataProtection:KeyFile={missing}"] };
        try
        {
            await Should.ThrowAsync<InvalidOperationException>(server.InitializeAsync);

            server.ExitCode.ShouldBe(1);
            server.Log.ShouldContain($"tsorch-server: DataProtection:KeyFile ({missing}) does not exist");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
