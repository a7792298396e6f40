using System.Reflection;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests;

/// <summary>Issue 17: <c>tsorch</c> is a .NET tool, installed from a package built from this repository.</summary>
public sealed class DotnetToolTests
{
    [Fact]
    public async Task Cli_packed_as_a_dotnet_tool_installs_from_a_local_folder_and_runs_with_its_templates()
    {
        using var folder = new TempFolder();
        var configuration = typeof(DotnetToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var project = Path.Combine(RepositoryPaths.Root, "src", "TsOrchestrator.Cli", "TsOrchestrator.Cli.csproj");
        var packages = folder.File("packages");
        var tools = folder.File("tools");

        // The test project built the CLI already; packing without building reuses that build.
        await DotnetAsync("pack", project, "-c", configuration, "--no-build", "-o", packages);
        await DotnetAsync("tool", "install", "tsorch", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources");

        var tsorch = Path.Combine(tools, OperatingSystem.IsWindows() ? "tsorch.exe" : "tsorch");
        var sequence = folder.File("first.tsq.json");
        (await ProcessRun.RunAsync(tsorch, ["new", "--template", "custom", "--name", "First", "-o", sequence])).ExitCode.ShouldBe(0);
        var validated = await ProcessRun.RunAsync(tsorch, ["validate", sequence]);
        validated.ExitCode.ShouldBe(0, validated.Output);
        validated.Output.ShouldContain("valid");
    }

    private static async Task DotnetAsync(params string[] args)
    {
        var result = await ProcessRun.RunAsync("dotnet", args);
        result.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)}\n{result.Output}{result.Error}");
    }
}
