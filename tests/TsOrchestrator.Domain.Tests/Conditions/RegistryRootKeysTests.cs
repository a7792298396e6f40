using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Domain.Tests.Conditions;

public sealed class RegistryRootKeysTests
{
    [Theory]
    [InlineData(@"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso", "HKEY_LOCAL_MACHINE", @"SOFTWARE\Contoso")]
    [InlineData(@"hkcu\Software\Contoso\", "HKEY_CURRENT_USER", @"Software\Contoso")]
    [InlineData("HKEY_USERS", "HKEY_USERS", "")]
    public void A_key_path_splits_into_its_root_key_by_full_name_and_the_key_under_it(string keyPath, string root, string key)
    {
        RegistryRootKeys.TrySplit(keyPath, out var foundRoot, out var foundKey).ShouldBeTrue();
        (foundRoot, foundKey).ShouldBe((root, key));
    }

    [Fact]
    public void A_key_path_without_a_root_key_keeps_the_whole_path_as_the_key()
    {
        RegistryRootKeys.TrySplit(@"SOFTWARE\Contoso", out var root, out var key).ShouldBeFalse();
        (root, key).ShouldBe(("", @"SOFTWARE\Contoso"));
    }

    [Fact]
    public void Joining_a_root_key_and_a_key_gives_one_separator()
    {
        RegistryRootKeys.Join("HKEY_LOCAL_MACHINE", @"\SOFTWARE\Contoso\").ShouldBe(@"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso");
        RegistryRootKeys.Join("HKEY_LOCAL_MACHINE", "").ShouldBe("HKEY_LOCAL_MACHINE");
        RegistryRootKeys.Join("", @"SOFTWARE\Contoso").ShouldBe(@"SOFTWARE\Contoso");
    }
}
