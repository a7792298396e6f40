using System.Text.Json.Serialization;

namespace TsOrchestrator.Contracts.Content;

/// <summary>Where one package version stands on one distribution point.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DistributionStatus>))]
public enum DistributionStatus
{
    Pending,
    InProgress,
    Success,
    Failed,
}
