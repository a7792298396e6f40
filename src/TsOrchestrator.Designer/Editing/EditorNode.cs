using System.Globalization;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Editing;

/// <summary>A group or step as the editor changes it in place; becomes an immutable domain node on save.</summary>
public sealed class EditorNode
{
    public required string Id { get; init; }
    public bool IsGroup { get; init; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Disabled { get; set; }
    public bool ContinueOnError { get; set; }
    public ConditionModel? Condition { get; set; }

    /// <summary>Step type id; empty for a group.</summary>
    public string Type { get; init; } = "";

    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Success codes as typed (<c>0 3010</c>); empty takes the step type's default.</summary>
    public string SuccessCodes { get; set; } = "";

    public int? TimeoutMinutes { get; set; }
    public int? RetryOnUnexpectedRestart { get; set; }
    public StepRunIn RunIn { get; init; }
    public string? ImportedAction { get; init; }

    public List<EditorNode> Children { get; } = [];
    public EditorNode? Parent { get; set; }
    public bool Expanded { get; set; } = true;

    /// <summary>Problems found by the domain's validation (live) or returned by the server's save.</summary>
    public List<NodeProblem> Problems { get; } = [];

    public StepTypeDescriptor? Descriptor => IsGroup ? null : StepCatalog.Find(Type);

    public string TypeName => IsGroup ? "Group" : Descriptor?.DisplayName ?? Type;

    public bool HasErrors => Problems.Any(p => p.IsError);

    public static string NewId() => "n" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Parses the success codes text; null when it is not whole numbers separated by spaces or commas.</summary>
    public IReadOnlyList<int>? ParseSuccessCodes(out bool valid)
    {
        valid = true;
        var parts = SuccessCodes.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var codes = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            {
                valid = false;
                return null;
            }

            codes.Add(code);
        }

        return codes;
    }

    public bool IsInside(EditorNode other)
    {
        for (var node = this; node is not null; node = node.Parent)
        {
            if (node == other)
            {
                return true;
            }
        }

        return false;
    }
}
