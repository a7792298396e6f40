using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using TsOrchestrator.Contracts.TaskSequences;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// Side-by-side diff of two native documents. The native format writes one field per line in a fixed
/// order, so a line diff is a field diff.
/// </summary>
public static class VersionDiffer
{
    public static VersionDiff Diff(int from, string oldText, int to, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(new Differ(), oldText, newText, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = new List<VersionDiffLine>(Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count));
        for (var i = 0; i < model.OldText.Lines.Count; i++)
        {
            var left = model.OldText.Lines[i];
            var right = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            lines.Add(new VersionDiffLine
            {
                Change = (left.Type, right?.Type) switch
                {
                    (ChangeType.Unchanged, _) => "unchanged",
                    (ChangeType.Deleted, _) => "deleted",
                    (ChangeType.Imaginary, ChangeType.Inserted) => "inserted",
                    _ => "changed",
                },
                OldNumber = left.Position,
                OldText = left.Type == ChangeType.Imaginary ? null : left.Text,
                NewNumber = right?.Position,
                NewText = right is null || right.Type == ChangeType.Imaginary ? null : right.Text,
            });
        }

        return new VersionDiff { From = from, To = to, Lines = lines };
    }
}
