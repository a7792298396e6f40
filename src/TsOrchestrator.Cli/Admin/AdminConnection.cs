using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// Where the admin commands connect: <c>--server</c>/<c>--key</c>, else <c>TSORCH_SERVER</c>/<c>TSORCH_KEY</c>,
/// else the local server and the key file it wrote on first start.
/// </summary>
internal static class AdminConnection
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    private static readonly string[] KeyFiles = ["data/admin.key", "src/TsOrchestrator.Server/data/admin.key"];

    public static readonly Option<string?> Server = new("--server") { Description = $"Server URL (default: TSORCH_SERVER or {DefaultServer})", Recursive = true };
    public static readonly Option<string?> Key = new("--key") { Description = "Admin API key (default: TSORCH_KEY or the server's data/admin.key)", Recursive = true };

    public static readonly JsonSerializerOptions Json = CreateJson();

    public static IAdminApi Connect(ParseResult parse)
    {
        var server = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("TSORCH_SERVER") ?? DefaultServer;
        var key = parse.GetValue(Key) ?? Environment.GetEnvironmentVariable("TSORCH_KEY") ?? ReadKeyFile();
        var client = new HttpClient { BaseAddress = new Uri(server) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return RestService.For<IAdminApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(Json) });
    }

    private static string ReadKeyFile()
    {
        foreach (var file in KeyFiles)
        {
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }

        throw new UsageException($"no API key: pass --key, set TSORCH_KEY, or run where {string.Join(" or ", KeyFiles)} exists");
    }

    // The server's JSON: web defaults, string enums, and the native format's converters for documents.
    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new SortedStringMapConverter());
        options.Converters.Add(new CamelCaseEnumConverter<ConditionOperator>());
        options.Converters.Add(new CamelCaseEnumConverter<IfKind>());
        options.Converters.Add(new CamelCaseEnumConverter<StepRunIn>());
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
