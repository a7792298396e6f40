using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>
/// Reading metadata for records with initialized init-only properties. Source-generated metadata builds
/// such records with every init-only property in one object initializer, so a property the input leaves
/// out gets <c>default(T)</c> instead of its initializer (dotnet/runtime#84484): a native file without
/// <c>enabled</c> would read as a disabled sequence. Reflection metadata sets only what the input holds.
/// Writing keeps the faster generated metadata.
/// </summary>
public static class ReflectionReader
{
    /// <summary>Metadata for <typeparamref name="T"/> with the generated context's options (converters, naming, strictness).</summary>
    public static JsonTypeInfo<T> For<T>(JsonSerializerOptions generatedOptions)
    {
        ArgumentNullException.ThrowIfNull(generatedOptions);
        var options = new JsonSerializerOptions(generatedOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.MakeReadOnly();
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
