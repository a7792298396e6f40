using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TsOrchestrator.Server.Tests.Exchange;
using TsOrchestrator.Server.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Uploads;

/// <summary>
/// Issue 14 item 8: every upload route refuses a body by its declared length before anything is written (413 naming
/// the limit), counts a body without a length while it arrives, and the defaults are sane (an import was allowed 64 GB).
/// </summary>
public sealed class UploadLimitTests
{
    private const long OneMebibyte = 1024 * 1024;

    // The in-memory test server sends the whole request body whatever the answer, so what reached the disk is what is asserted.
    [Fact]
    public async Task Import_declaring_more_than_the_default_cap_is_refused_with_413_before_anything_is_read_or_written()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        var body = new GarbageStream(limit: 64 * OneMebibyte);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = 9L * 1024 * 1024 * 1024; // over the 8 GiB default, under the 64 GB one before

        var problem = await (await admin.PostAsync("/api/v1/imports", content)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.ErrorFields().ShouldBe(["body"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("Exchange:MaxUploadBytes");
        problem.GetProperty("limit").GetInt64().ShouldBe(8L * 1024 * 1024 * 1024);
        problem.GetProperty("detail").GetString()!.ShouldContain("declares 9,663,676,416 bytes");
        await HostileImportTests.ShouldStillAnswerAsync(server, admin);
    }

    [Fact]
    public async Task Import_without_a_length_is_counted_while_it_arrives_and_refused_at_the_cap()
    {
        using var factory = new ServerFactory();
        using var server = factory.WithWebHostBuilder(b => b.UseSetting("Exchange:MaxUploadBytes", OneMebibyte.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.AdminKey);
        var body = new GarbageStream(limit: 16 * OneMebibyte);
        using var content = new StreamContent(body);

        var response = await admin.PostAsync("/api/v1/imports", content);

        content.Headers.ContentLength.ShouldBeNull();
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldContain("limit of 1,048,576 bytes (Exchange:MaxUploadBytes)");
        var imports = Path.Combine(factory.DataDirectory, "imports");
        (Directory.Exists(imports) ? Directory.EnumerateFileSystemEntries(imports) : []).ShouldBeEmpty();
    }

    [Fact]
    public async Task Task_sequence_save_declaring_more_than_twice_the_stored_limit_is_refused_with_413()
    {
        using var server = new ServerFactory();
        using var admin = server.AdminClient();
        using var content = new ByteArrayContent(new byte[(5 * OneMebibyte) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/task-sequences/TS-X") { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var problem = await (await admin.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.ErrorFields().ShouldBe(["body"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("task sequence size limit");
    }

    [Fact]
    public async Task Json_body_over_the_request_limit_is_refused_by_the_real_server_with_413_naming_the_setting()
    {
        await using var server = new ServerProcess { ExtraArguments = ["--Uploads:MaxRequestBodyBytes=65536"] };
        await server.InitializeAsync();
        using var admin = new HttpClient { BaseAddress = new Uri(server.Url) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        var body = $"{{\"name\":\"{new string('x', 100_000)}\"}}";

        var problem = await (await admin.PostAsync("/api/v1/task-sequences", new StringContent(body, Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString()!.ShouldContain("Uploads:MaxRequestBodyBytes");
        (await admin.GetAsync("/api/v1/task-sequences")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Distribution_point_uploads_over_the_cap_are_refused_with_413_before_anything_is_written()
    {
        await using var dp = new DistributionPointProcess("http://127.0.0.1:9", $"--DistributionPoint:MaxUploadBytes={OneMebibyte}");
        await dp.StartAsync();
        using var client = new HttpClient { BaseAddress = dp.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DistributionPointProcess.AccessKey);
        var hash = "blake3-" + new string('a', 64);

        var declared = await (await client.PutAsync($"/dp/v1/files/{hash}", new ByteArrayContent(new byte[2 * OneMebibyte])))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var chunked = await (await client.PostAsync("/dp/v1/prestaged", new StreamContent(new GarbageStream(limit: 16 * OneMebibyte))))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        declared.GetProperty("detail").GetString()!.ShouldContain("DistributionPoint:MaxUploadBytes");
        chunked.GetProperty("detail").GetString()!.ShouldContain("DistributionPoint:MaxUploadBytes");
        var spooled = Path.Combine(dp.DataDirectory, "content", "tmp");
        (Directory.Exists(spooled) ? Directory.EnumerateFiles(spooled, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Zip-looking garbage of unknown length that counts what was read of it and ends at <c>limit</c>.</summary>
    private sealed class GarbageStream(long limit) : Stream
    {
        public long Produced { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Produced; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, limit - Produced);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = (Produced + i) switch { 0 => 0x50, 1 => 0x4B, 2 => 0x03, 3 => 0x04, _ => 0x5A };
            }

            Produced += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
