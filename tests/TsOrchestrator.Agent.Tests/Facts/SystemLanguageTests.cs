using TsOrchestrator.Agent.Facts;

namespace TsOrchestrator.Agent.Tests.Facts;

public sealed class SystemLanguageTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("tsorch-language-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("de_DE.UTF-8", "de-DE")]
    [InlineData("fr_CA", "fr-CA")]
    [InlineData("ca_ES.UTF-8@valencia", "ca-ES")]
    [InlineData("ja", "ja")]
    [InlineData("C.UTF-8", null)]
    [InlineData("POSIX", null)]
    [InlineData("", null)]
    public void Posix_locale_names_become_condition_language_names(string locale, string? expected) =>
        SystemLanguage.FromPosix(locale).ShouldBe(expected);

    [Fact]
    public void Locale_variables_win_over_the_systems_configured_locale_in_the_c_librarys_order()
    {
        WriteSystemLocale("LANG=fr_FR.UTF-8\n");
        var variables = new Dictionary<string, string?> { ["LANG"] = "de_DE.UTF-8", ["LC_MESSAGES"] = "nl_NL.UTF-8" };

        SystemLanguage.Read(name => variables.GetValueOrDefault(name), _root.FullName).ShouldBe("nl-NL");
        variables.Remove("LC_MESSAGES");
        SystemLanguage.Read(name => variables.GetValueOrDefault(name), _root.FullName).ShouldBe("de-DE");
        variables.Clear();
        SystemLanguage.Read(name => variables.GetValueOrDefault(name), _root.FullName).ShouldBe("fr-FR");
    }

    [Fact]
    public void A_system_without_a_locale_answers_en_US()
    {
        SystemLanguage.Read(_ => null, _root.FullName).ShouldBe("en-US");
        WriteSystemLocale("LANG=C.UTF-8\n");
        SystemLanguage.Read(_ => null, _root.FullName).ShouldBe("en-US");
    }

    private void WriteSystemLocale(string text)
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "etc", "default"));
        File.WriteAllText(Path.Combine(_root.FullName, "etc", "default", "locale"), text);
    }
}
