using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>Issue 13: <c>tsorch validate --server</c> has the site look up what a file names; offline it cannot.</summary>
public sealed class ValidateOnSiteTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private const string NamesAMissingImage = """
        {"formatVersion": 1, "id": "TST00013", "name": "Install Windows", "nodes": [
          {"kind": "step", "name": "Apply Operating System", "type": "ApplyOperatingSystemImage", "settings": {"ImagePackageID": "PKG00042"}}
        ]}
        """;

    [Fact]
    public void Validate_against_a_server_reports_an_image_the_site_lacks_at_its_step_and_fails()
    {
        using var folder = new TempFolder();
        var file = folder.Write("install.tsq.json", NamesAMissingImage);

        var result = Tsorch.Run("validate", file, "--server", server.Url, "--key", server.Key);

        result.ExitCode.ShouldBe(1, result.Error + server.Log);
        result.Output.ShouldContain("Apply Operating System: the OS image 'PKG00042' does not exist on the site");
        result.Output.ShouldContain("settings.ImagePackageID");
    }

    [Fact]
    public void Validate_offline_does_not_look_references_up()
    {
        using var folder = new TempFolder();
        var file = folder.Write("install.tsq.json", NamesAMissingImage);

        var result = Tsorch.Run("validate", file);

        result.Output.ShouldNotContain("does not exist on the site");
    }
}
