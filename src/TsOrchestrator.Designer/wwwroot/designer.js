// Small browser helpers for the designer's tree: focus follows the selection, and the arrow keys the
// tree handles do not also scroll the page.
// Ctrl+F in the editor goes to its own find box, and F3 steps through its matches instead of the browser's find.
document.addEventListener('keydown', function (e) {
  const find = document.getElementById('ts-find');
  if (!find) return;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') { e.preventDefault(); find.focus(); find.select(); }
  else if (e.key === 'F3') { e.preventDefault(); }
});

window.tsDesigner = {
  // The zone the console shows times in (an IANA name such as Europe/Berlin).
  timeZone: function () { return Intl.DateTimeFormat().resolvedOptions().timeZone; },
  // A file the server made (a prestaged content file, an export), handed to the browser as a download.
  download: async function (name, streamReference, type) {
    const blob = new Blob([await streamReference.arrayBuffer()], { type: type || 'application/zip' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  },
  focusSelected: function (tree) {
    if (!tree) return;
    const selected = tree.querySelector('[role="treeitem"][aria-selected="true"]');
    if (selected && document.activeElement !== selected) selected.focus({ preventScroll: false });
    if (selected) selected.scrollIntoView({ block: 'nearest' });
  },
  // The editor's Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) and Ctrl+S, for the lock holder. In a text field, select or list Ctrl+Z is
  // the field's own undo, so the tree's is not run; Ctrl+S saves from anywhere, after the field hands over what was typed.
  editorShortcuts: function (editor) {
    const handler = function (e) {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
      const key = e.key.toLowerCase();
      const field = e.target && e.target.closest && e.target.closest('input, textarea, select, [contenteditable="true"]');
      if (e.target && e.target.closest && e.target.closest('[role="dialog"]')) return;
      if (key === 's') {
        e.preventDefault();
        // A text field commits its value on change (blur). Saving in the same keystroke raced that change on the server
        // and could save without what was typed, so in a field Ctrl+S only commits it; the next Ctrl+S saves.
        if (field) { field.blur(); return; }
        editor.invokeMethodAsync('SaveFromKeyboardAsync');
        return;
      }
      if (field) return;
      const undo = key === 'z' && !e.shiftKey;
      const redo = key === 'y' || (key === 'z' && e.shiftKey);
      if (!undo && !redo) return;
      e.preventDefault();
      const inTree = document.activeElement && document.activeElement.closest && document.activeElement.closest('.ts-tree');
      editor.invokeMethodAsync(undo ? 'UndoFromKeyboardAsync' : 'RedoFromKeyboardAsync').then(function () {
        if (inTree) window.tsDesigner.focusSelected(document.querySelector('.ts-tree'));
      });
    };
    document.addEventListener('keydown', handler);
    return { dispose: function () { document.removeEventListener('keydown', handler); } };
  },
  scrollSelected: function () {
    const selected = document.querySelector('.ts-tree [role="treeitem"][aria-selected="true"]');
    if (selected) selected.scrollIntoView({ block: 'nearest' });
  },
  initTree: function (tree) {
    if (!tree || tree.dataset.tsInit) return;
    tree.dataset.tsInit = '1';
    tree.addEventListener('keydown', function (e) {
      if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) e.preventDefault();
    });
    // The drop target's mark is drawn here, in the browser: a server round trip per row entered would be slow on long
    // trees. It says where the drop lands, by the rule SequenceTree.DropAsync applies: the top 10 pixels of a row drop
    // before it, the rest into a group or after a step.
    let marked = null;
    let dragged = null;
    const unmark = function () {
      if (!marked) return;
      marked.classList.remove('ts-drop-target', 'ts-drop-before', 'ts-drop-after', 'ts-drop-into');
      delete marked.dataset.drop;
      marked = null;
    };
    tree.addEventListener('dragstart', function (e) { dragged = e.target.closest && e.target.closest('[role="treeitem"]'); });
    tree.addEventListener('dragover', function (e) {
      const item = e.target.closest && e.target.closest('[role="treeitem"]');
      if (item !== marked) unmark();
      if (!item || item === dragged) return;
      const position = e.offsetY < 10 ? 'before' : item.hasAttribute('aria-expanded') ? 'into' : 'after';
      if (item.classList.contains('ts-drop-' + position)) return;
      item.classList.remove('ts-drop-before', 'ts-drop-after', 'ts-drop-into');
      item.classList.add('ts-drop-target', 'ts-drop-' + position);
      item.dataset.drop = position;
      marked = item;
    });
    tree.addEventListener('dragleave', function (e) { if (!tree.contains(e.relatedTarget)) unmark(); });
    tree.addEventListener('drop', unmark);
    document.addEventListener('dragend', function () { unmark(); dragged = null; });
  }
};
