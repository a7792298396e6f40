using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Domain.Serialization;

/// <summary>The native format's reading metadata: the generated context's options over reflection.</summary>
internal sealed class ReflectionReader
{
    public ReflectionReader()
    {
        var options = new JsonSerializerOptions(NativeJsonContext.Default.Options)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        TaskSequence = (JsonTypeInfo<TaskSequence>)options.GetTypeInfo(typeof(TaskSequence));
    }

    public JsonTypeInfo<TaskSequence> TaskSequence { get; }
}
