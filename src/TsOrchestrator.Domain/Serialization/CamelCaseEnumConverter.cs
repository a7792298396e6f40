using System.Text.Json;
using System.Text.Json.Serialization;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>Enums as camelCase text (<c>greaterEqual</c>), as Configuration Manager writes its operators; numbers refused.</summary>
public sealed class CamelCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public CamelCaseEnumConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
