// Small browser helpers for the designer's tree: focus follows the selection, and the arrow keys the
// tree handles do not also scroll the page.
window.tsDesigner = {
  focusSelected: function (tree) {
    if (!tree) return;
    const selected = tree.querySelector('[role="treeitem"][aria-selected="true"]');
    if (selected && document.activeElement !== selected) selected.focus({ preventScroll: false });
    if (selected) selected.scrollIntoView({ block: 'nearest' });
  },
  initTree: function (tree) {
    if (!tree || tree.dataset.tsInit) return;
    tree.dataset.tsInit = '1';
    tree.addEventListener('keydown', function (e) {
      if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) e.preventDefault();
    });
  }
};
