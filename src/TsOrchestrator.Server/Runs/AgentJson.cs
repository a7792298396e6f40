using System.Text.Json;

namespace TsOrchestrator.Server.Runs;

/// <summary>JSON of stored agent work items: the API's own settings, built once.</summary>
internal static class AgentJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
