using System.IO.Compression;
using System.Text.Json;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>tsorch content: packages from a source folder, distribution, status and prestaged files.</summary>
public sealed class ContentCommandsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);

    [Fact]
    public void A_package_is_created_distributed_and_written_to_a_prestaged_file()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("source"));
        File.WriteAllText(folder.File("source/setup.sh"), "echo install");

        var created = Run("content", "create-package", "Tools", folder.File("source"), "--program", "Install=sh setup.sh");
        created.ExitCode.ShouldBe(0, created.Error + server.Log);
        created.Output.ShouldContain("version 1, 1 files");
        var id = created.Output.Split(' ')[1];

        var distributed = Run("content", "distribute", id, "--package");
        distributed.ExitCode.ShouldBe(0, distributed.Error);
        distributed.Output.ShouldContain(id);

        var status = JsonDocument.Parse(Run("content", "status", id, "--package", "--json").Output).RootElement;
        status.GetArrayLength().ShouldBe(1);
        status[0].GetProperty("distributionPointId").GetString().ShouldBe("DP-SITE");

        var prestaged = folder.File("tools.zip");
        var written = Run("content", "prestage", id, "-o", prestaged);
        written.ExitCode.ShouldBe(0, written.Error);
        using var zip = ZipFile.OpenRead(prestaged);
        zip.Entries.Count.ShouldBe(2);
        zip.GetEntry("prestaged.json").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_prestaged_file_is_imported_at_a_distribution_point_and_a_file_that_is_not_one_is_refused()
    {
        const string accessKey = DistributionPointProcess.AccessKey;
        var dp = new DistributionPointProcess(server.Url);
        await dp.StartAsync();
        try
        {
            using var folder = new TempFolder();
            Directory.CreateDirectory(folder.File("source"));
            File.WriteAllText(folder.File("source/image.wim"), "image bytes");
            var id = Run("content", "create-package", "Image", folder.File("source"), "--type", "OsImage").Output.Split(' ')[1];
            Run("content", "prestage", id, "-o", folder.File("image.zip")).ExitCode.ShouldBe(0);

            var imported = Tsorch.Run("content", "import-prestaged", folder.File("image.zip"), "--dp", dp.Url, "--access-key", accessKey);
            imported.ExitCode.ShouldBe(0, imported.Error + dp.Log);
            imported.Output.Trim().ShouldBe($"imported {id} version 1");
            var importedJson = JsonDocument.Parse(Tsorch.Run("content", "import-prestaged", folder.File("image.zip"), "--dp", dp.Url, "--access-key", accessKey, "--json").Output);
            importedJson.RootElement[0].GetProperty("packageId").GetString().ShouldBe(id);

            var notPrestaged = Tsorch.Run("content", "import-prestaged", folder.File("source/image.wim"), "--dp", dp.Url, "--access-key", accessKey);
            notPrestaged.ExitCode.ShouldBe(1);
            notPrestaged.Error.ShouldStartWith("tsorch: 400 Invalid request: this is not a prestaged content file");
            notPrestaged.Error.Trim().Split('\n').Length.ShouldBe(1);

            // Issue 16 item 5: the distribution point's refusal under --json is its own problem document, as the site server's is.
            var notPrestagedJson = Tsorch.Run("content", "import-prestaged", folder.File("source/image.wim"), "--dp", dp.Url, "--access-key", accessKey, "--json");
            var problem = JsonDocument.Parse(notPrestagedJson.Output).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(400);
            problem.GetProperty("detail").GetString()!.ShouldStartWith("this is not a prestaged content file");

            var wrongKey = Tsorch.Run("content", "import-prestaged", folder.File("image.zip"), "--dp", dp.Url, "--access-key", "not-the-key");
            wrongKey.Error.ShouldStartWith("tsorch: 401");
            wrongKey.Error.Trim().ShouldEndWith("[key from --access-key]");
        }
        finally
        {
            await dp.DisposeAsync();
        }
    }

    [Fact]
    public void A_package_from_a_missing_source_folder_is_refused_with_the_field_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "tsorch-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var result = Run("content", "create-package", "Ghost", missing);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"(sourcePath: the source folder '{missing}' does not exist on the site server)");
    }

    [Fact]
    public void Prestaging_an_unknown_package_writes_no_file()
    {
        using var folder = new TempFolder();
        var result = Run("content", "prestage", "PKGNOPE", "-o", folder.File("x.zip"));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("PKGNOPE");
        File.Exists(folder.File("x.zip")).ShouldBeFalse();
        File.Exists(folder.File("x.zip.partial")).ShouldBeFalse();
    }
}
