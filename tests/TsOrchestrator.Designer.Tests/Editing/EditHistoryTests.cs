using TsOrchestrator.Designer.Editing;
using TsOrchestrator.Designer.Tests.Support;

namespace TsOrchestrator.Designer.Tests.Editing;

/// <summary>Undo and redo without a browser: what comes back, how far back it goes, and when nothing is unsaved.</summary>
public sealed class EditHistoryTests
{
    private static EditorDocument Document() => EditorDocument.From(SequenceBuilder.With("Doc",
        SequenceBuilder.Command("A", "a"), SequenceBuilder.Command("B", "b")) with { Id = "DOC" });

    private static string Names(EditorDocument document) => string.Join(" ", document.All().Select(n => n.Name));

    [Fact]
    public void Undo_brings_back_the_document_before_the_edit_with_what_typing_held_and_redo_the_one_after()
    {
        var document = Document();
        var history = new EditHistory();
        history.Start(document.Snapshot());
        var a = document.All().First();
        a.SuccessCodes = "0 30x";
        history.Record(document.Snapshot(), a.Id, a.Id);
        document.MoveDown(a);
        history.Record(document.Snapshot(), a.Id, a.Id);

        var undone = history.Undo().ShouldNotBeNull();
        var shown = EditorDocument.Restore(undone.Document, document);
        Names(shown).ShouldBe("A B");
        shown.Find(undone.SelectedId!)!.SuccessCodes.ShouldBe("0 30x");
        history.IsAtSaved.ShouldBeFalse();
        history.Undo().ShouldNotBeNull();
        history.IsAtSaved.ShouldBeTrue();
        history.CanUndo.ShouldBeFalse();

        history.Redo();
        Names(EditorDocument.Restore(history.Redo().ShouldNotBeNull().Document, shown)).ShouldBe("B A");
        history.CanRedo.ShouldBeFalse();
    }

    [Fact]
    public void Past_its_capacity_the_oldest_edit_is_forgotten_and_a_new_edit_ends_redo()
    {
        var document = Document();
        var history = new EditHistory(capacity: 2);
        history.Start(document.Snapshot());
        foreach (var name in new[] { "1", "2", "3" })
        {
            document.All().First().Name = name;
            history.Record(document.Snapshot(), null, null);
        }

        Names(EditorDocument.Restore(history.Undo()!.Value.Document, null)).ShouldBe("2 B");
        Names(EditorDocument.Restore(history.Undo()!.Value.Document, null)).ShouldBe("1 B");
        history.Undo().ShouldBeNull();

        history.Redo();
        history.Record(document.Snapshot(), null, null);
        history.CanRedo.ShouldBeFalse();
    }
}
