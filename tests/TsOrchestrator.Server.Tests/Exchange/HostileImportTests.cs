using System.Net;
using System.Text;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>
/// Issue 14 items 3 and 8 against the real server: an import nested past the limits, or cut short, is refused in the
/// domain's words with a 400 naming the field and the limit, leaves nothing behind, and the server answers the next request.
/// </summary>
public sealed class HostileImportTests
{
    [Fact]
    public async Task Xml_nested_40000_groups_deep_is_refused_naming_the_limit_and_the_server_answers_after()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();

        var problem = await (await admin.UploadAsync(Encoding.UTF8.GetBytes(DeepDocuments.GroupsXml(40_000)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["file"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("nesting deeper than 64 groups");
        await ShouldStillAnswerAsync(server, admin);
    }

    [Fact]
    public async Task Xml_nested_100_groups_deep_is_refused_in_the_domains_words_not_the_serializers()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();

        var problem = await (await admin.UploadAsync(Encoding.UTF8.GetBytes(DeepDocuments.GroupsXml(100)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain(SequenceLimits.TooDeepGroups);
        detail.ShouldNotContain("depth of", Case.Insensitive);
        detail.ShouldNotContain("cycle", Case.Insensitive);
        await ShouldStillAnswerAsync(server, admin);
    }

    [Fact]
    public async Task Xml_nested_to_the_limit_imports_commits_and_reads_back()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();

        var preview = await admin.PreviewAsync(Encoding.UTF8.GetBytes(DeepDocuments.GroupsXml(SequenceLimits.MaxGroupDepth)), "fileName=deep.xml");
        var commit = await admin.CommitAsync(preview.Id);
        commit.StatusCode.ShouldBe(HttpStatusCode.OK, await commit.Content.ReadAsStringAsync());
        var result = await commit.ReadAsync<ImportResult>();

        var read = await admin.GetAsync($"/api/v1/task-sequences/{result.Objects.ShouldHaveSingleItem().Id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        var details = await read.ReadAsync<TaskSequenceDetails>();
        NodePath.Walk(details.Sequence.Nodes).Max(n => NodePath.DepthOf(n.Path)).ShouldBe(SequenceLimits.MaxGroupDepth + 1);
    }

    [Fact]
    public async Task Saved_document_with_a_node_without_kind_is_refused_with_400_naming_the_node()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        const string document = """{"formatVersion":1,"id":"TS-X","name":"n","nodes":[{"name":"s","type":"RunCommandLine"}]}""";

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/task-sequences/TS-X") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var problem = await (await admin.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldContain("$.nodes[0]: the node has no \"kind\"");
        await ShouldStillAnswerAsync(server, admin);
    }

    [Fact]
    public async Task Created_document_with_a_node_without_kind_is_refused_with_400()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        const string body = """{"name":"n","sequence":{"formatVersion":1,"id":"TS-X","name":"n","nodes":[{"name":"s","type":"RunCommandLine"}]}}""";

        var problem = await (await admin.PostAsync("/api/v1/task-sequences", new StringContent(body, Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString()!.ShouldContain("kind");
        await ShouldStillAnswerAsync(server, admin);
    }

    [Fact]
    public async Task Export_zip_whose_sequence_is_nested_past_the_limit_is_refused_naming_the_limit()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var id = await ExchangeTestKit.SaveNewAsync(admin, "Shallow", s => s);
        var export = await admin.ExportAsync(new ExportRequest { Ids = [id] });
        var deep = Encoding.UTF8.GetBytes(DeepDocuments.GroupsJson(10_000, id));
        var tampered = ExchangeTestKit.Rezip(export, (name, bytes) => name.EndsWith(".tsq.json", StringComparison.Ordinal) ? deep
            : name == "manifest.json" ? ExchangeTestKit.Edit(bytes, m => m["objects"]![0]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(deep))) : bytes);

        var problem = await (await admin.UploadAsync(tampered)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["file"]);
        problem.GetProperty("detail").GetString()!.ShouldContain(SequenceLimits.TooDeepGroups);
        await ShouldStillAnswerAsync(server, admin);
    }

    [Fact]
    public async Task Tar_entry_declaring_2_GB_but_cut_short_is_refused_with_400_and_leaves_nothing()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();

        var problem = await (await admin.UploadAsync(TarWithTruncatedEntry("export.zip", declared: 2L * 1024 * 1024 * 1024, actual: 4096)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["file"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("cut short");
        var imports = Path.Combine(server.DataDirectory, "imports");
        (Directory.Exists(imports) ? Directory.EnumerateFileSystemEntries(imports) : []).ShouldBeEmpty();
        await ShouldStillAnswerAsync(server, admin);
    }

    /// <summary>A ustar header that declares <paramref name="declared"/> bytes, followed by only <paramref name="actual"/> of them.</summary>
    private static byte[] TarWithTruncatedEntry(string name, long declared, int actual)
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(declared, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)'0';
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        Encoding.ASCII.GetBytes("        ").CopyTo(header, 148);
        var sum = header.Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        var data = new byte[actual];
        "PK\u0003\u0004"u8.CopyTo(data);
        return [.. header, .. data];
    }

    internal static async Task ShouldStillAnswerAsync(ServerFactory server, HttpClient admin)
    {
        var list = await admin.GetAsync("/api/v1/task-sequences");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, await list.Content.ReadAsStringAsync());
        var imports = Path.Combine(server.DataDirectory, "imports");
        (Directory.Exists(imports) ? Directory.EnumerateFileSystemEntries(imports) : []).ShouldBeEmpty();
    }
}
