using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>
/// Puts the model's initializer values into properties a file leaves out. Source-generated
/// deserialization builds records through their init-only properties and passes <c>default(T)</c> for
/// every absent one (dotnet/runtime#84484), which would read a file without <c>enabled</c> as a disabled
/// sequence and a condition without <c>operator</c> as <c>exists</c>.
/// </summary>
internal static class LeftOutPropertyDefaults
{
    /// <summary>
    /// One default instance per object type of the format, serialized: what a left-out property means.
    /// Required members get placeholders; they are never filled in (a missing one stays an error).
    /// </summary>
    private static readonly Dictionary<Type, JsonObject> DefaultsByType = BuildDefaults(
        new TaskSequence { Id = "", Name = "" },
        new SoftwareCenterProperties(),
        new AdvancedProperties(),
        new RunFirstProgram { PackageId = "", ProgramName = "" },
        new SupportedPlatform { Os = "" },
        new UserNotificationProperties(),
        new PerformanceProperties(),
        new GroupNode { Name = "" },
        new StepNode { Name = "", Type = "" },
        new IfStatement(),
        new VariableCondition { Variable = "" },
        new OsVersionCondition(),
        new OsLanguageCondition { Language = "" },
        new FileCondition { Path = "" },
        new FolderCondition { Path = "" },
        new RegistryCondition { KeyPath = "" },
        new WmiQueryCondition { Query = "" },
        new InstalledSoftwareCondition());

    /// <summary>The object types that have default instances, for the test that every format type is covered.</summary>
    internal static IReadOnlyCollection<Type> CoveredTypes => DefaultsByType.Keys;

    /// <summary>Adds left-out non-required properties, to any depth; true when the document changed.</summary>
    public static bool Fill(JsonNode? node, JsonTypeInfo typeInfo)
    {
        switch (node)
        {
            case JsonObject obj when typeInfo.Kind == JsonTypeInfoKind.Object:
                return FillObject(obj, typeInfo);
            case JsonArray array when typeInfo is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } elementType }:
                var changed = false;
                var elementInfo = NativeJsonContext.Default.GetTypeInfo(elementType)!;
                foreach (var item in array)
                {
                    changed |= Fill(item, elementInfo);
                }

                return changed;
            default:
                return false;
        }
    }

    private static bool FillObject(JsonObject obj, JsonTypeInfo typeInfo)
    {
        if (typeInfo.PolymorphismOptions is { } polymorphism)
        {
            var discriminator = obj[polymorphism.TypeDiscriminatorPropertyName]?.GetValue<string>();
            var derived = polymorphism.DerivedTypes.FirstOrDefault(d => Equals(d.TypeDiscriminator, discriminator)).DerivedType;
            if (derived is null)
            {
                return false;
            }

            typeInfo = NativeJsonContext.Default.GetTypeInfo(derived)!;
        }

        var changed = false;
        DefaultsByType.TryGetValue(typeInfo.Type, out var defaults);
        foreach (var property in typeInfo.Properties)
        {
            var present = Find(obj, property.Name);
            if (present is null)
            {
                if (!property.IsRequired && defaults is not null && defaults.TryGetPropertyValue(property.Name, out var value) && value is not null)
                {
                    obj[property.Name] = value.DeepClone();
                    changed = true;
                }
            }
            else if (NativeJsonContext.Default.GetTypeInfo(property.PropertyType) is { } propertyInfo)
            {
                changed |= Fill(obj[present], propertyInfo);
            }
        }

        return changed;
    }

    /// <summary>The name as written in the file: property names match case-insensitively (web defaults).</summary>
    private static string? Find(JsonObject obj, string name)
    {
        if (obj.ContainsKey(name))
        {
            return name;
        }

        foreach (var (key, _) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    private static Dictionary<Type, JsonObject> BuildDefaults(params object[] instances) =>
        instances.ToDictionary(
            static instance => instance.GetType(),
            static instance => JsonSerializer.SerializeToNode(instance, NativeJsonContext.Default.GetTypeInfo(instance.GetType())!)!.AsObject());
}
