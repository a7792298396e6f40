using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Simulation;

namespace TsOrchestrator.Cli.Input;

/// <summary>Reads a simulation scenario strictly: a misspelt key is an error naming its line.</summary>
internal static class ScenarioFileReader
{
    // Scenarios leave most things out; reflection metadata keeps the defaults (see ReflectionReader).
    private static readonly JsonTypeInfo<SimulationScenario> Metadata = ReflectionReader.For<SimulationScenario>(SimulationJsonContext.Default.Options);

    public static SimulationScenario Read(string? path)
    {
        if (path is null)
        {
            return new SimulationScenario();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such scenario file", path);
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), Metadata)
                ?? throw new ScenarioException($"{path}: the scenario is null");
        }
        catch (JsonException e)
        {
            var detail = e.Message;
            var cut = detail.IndexOf(" Path: ", StringComparison.Ordinal);
            detail = cut > 0 ? detail[..cut] : detail;
            var where = e.Path is { Length: > 1 } jsonPath ? $"{jsonPath}: " : "";
            throw new ScenarioException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: {where}{detail}", e);
        }
    }
}
