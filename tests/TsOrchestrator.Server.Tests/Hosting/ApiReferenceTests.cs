using System.Net;
using System.Text.Json.Nodes;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: the OpenAPI document says how to authenticate, and the API reference page reads it.</summary>
public sealed class ApiReferenceTests
{
    [Fact]
    public async Task OpenApi_document_names_the_bearer_scheme_and_the_reference_page_serves_it()
    {
        using var server = new ServerFactory();
        using var anonymous = server.CreateClient();

        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        ((string?)scheme["type"]).ShouldBe("http");
        ((string?)scheme["scheme"]).ShouldBe("bearer");
        document["security"]!.AsArray().ShouldContain(r => r!["ApiKey"] != null);

        var page = await anonymous.GetAsync(new Uri("/scalar/v1", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");
    }

    [Fact]
    public async Task Metrics_need_an_admin_key_of_any_role()
    {
        using var server = new ServerFactory();
        using var anonymous = server.CreateClient();
        using var admin = server.AdminClient();

        (await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var scraped = await admin.GetAsync(new Uri("/metrics", UriKind.Relative));
        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scraped.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
    }
}
