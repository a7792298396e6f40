using System.Globalization;
using System.Text.Json;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Validation;

/// <summary>The stored size limit: a sequence over 2 MB in the native format cannot be saved or imported.</summary>
internal static class StoredSizeRule
{
    public static void Validate(Sequences.TaskSequence sequence, ProblemCollector problems)
    {
        int size;
        try
        {
            size = NativeFormat.SerializeToUtf8(sequence).Length;
        }
        catch (JsonException)
        {
            // Only a model built in code with nulls where the format needs values fails to serialize;
            // the other rules report those nulls by field, which says more than a size problem could.
            return;
        }

        if (size > NativeFormat.MaxStoredBytes)
        {
            const int Megabyte = 1024 * 1024;
            var megabytes = size / (double)Megabyte;
            problems.Error("", "", string.Create(CultureInfo.InvariantCulture,
                $"the sequence is {size:N0} bytes ({megabytes:0.00} MB) in the native format, over the {NativeFormat.MaxStoredBytes / Megabyte} MB limit; split it into child sequences run by Run Task Sequence steps"));
        }
    }
}
