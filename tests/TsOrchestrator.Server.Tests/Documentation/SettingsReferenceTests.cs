using System.Reflection;
using TsOrchestrator.Content;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Documentation;

/// <summary>Issue 17: docs/settings.md is the settings reference; a setting added in code and not there fails here.</summary>
public sealed class SettingsReferenceTests
{
    [Fact]
    public void Settings_reference_names_every_option()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "settings.md"));
        // The site server's own options, and those it shares with the distribution point host.
        var optionTypes = new[] { typeof(ServiceCollectionExtensions).Assembly, typeof(StorageOptions).Assembly }.SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();
        optionTypes.Count.ShouldBeGreaterThan(10, "the options classes are found by their Section constant");

        var settings = optionTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite || (typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string)))
                .Select(p => $"{t.GetField("Section")!.GetRawConstantValue()}:{p.Name}"))
            .ToList();

        settings.Where(s => !reference.Contains($"`{s}", StringComparison.Ordinal)).ShouldBeEmpty("settings missing from docs/settings.md");
    }
}
