import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, Selection, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * A caret is always somewhere text can go (walkthrough: typing went nowhere). When a report starts with a structured
 * block, a click on the editor's margin or on a block's own controls (contentEditable=false parts of a node view)
 * left the browser with no caret at all while the editor kept focus — Ctrl+End and Ctrl+Home did nothing and what was
 * typed was dropped — and a selection inside a block but outside its text ("TextSelection endpoint not pointing into
 * a node with inline content") could come from the document's first load. The editor's selection is put back into
 * the page when the browser has none, before a key acts; Ctrl+Home and Ctrl+End go to the document's ends; and a text
 * selection outside text is moved to the nearest place text can go.
 */
export const ValidCaret = Extension.create({
  name: 'validCaret',
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('validCaret'),
      appendTransaction(_trs, _old, state) {
        const sel = state.selection;
        if (!(sel instanceof TextSelection)) return null;
        if (sel.$from.parent.inlineContent && sel.$to.parent.inlineContent) return null;
        const near = Selection.near(sel.$head, 1);
        return near.eq(sel) ? null : state.tr.setSelection(near).setMeta('addToHistory', false);
      },
      props: {
        handleDOMEvents: {
          mouseup: (view) => { setTimeout(() => restoreCaret(view)); return false; },
        },
        handleKeyDown: (view, event) => {
          restoreCaret(view);
          return toDocumentEdge(view, event);
        },
      },
    })];
  },
});

/**
 * Ctrl+Home / Ctrl+End (⌘↑ / ⌘↓ on a Mac), Shift to select: to the first or last place text can go. The browser's own
 * move stopped at a block whose first part is its controls (a report starting with a key project or an OKR item).
 */
function toDocumentEdge(view: EditorView, e: KeyboardEvent): boolean {
  // A field of a block (an input in its node view) moves within itself.
  if (e.altKey || (e.target as HTMLElement | null)?.closest?.('input, textarea, select')) return false;
  const start = (e.ctrlKey && e.key === 'Home') || (e.metaKey && (e.key === 'Home' || e.key === 'ArrowUp'));
  const end = (e.ctrlKey && e.key === 'End') || (e.metaKey && (e.key === 'End' || e.key === 'ArrowDown'));
  if (!start && !end) return false;
  const { doc, selection } = view.state;
  const edge = start ? Selection.atStart(doc) : Selection.atEnd(doc);
  const next = e.shiftKey && edge instanceof TextSelection ? TextSelection.create(doc, selection.anchor, edge.head) : edge;
  view.dispatch(view.state.tr.setSelection(next).scrollIntoView());
  return true;
}

/** The editor has focus and the page no caret: ProseMirror's focus() writes its selection back into the page. */
function restoreCaret(view: EditorView) {
  if (view.isDestroyed || !view.hasFocus()) return;
  const dom = view.dom.ownerDocument.getSelection();
  if (dom && dom.rangeCount > 0) return;
  view.focus();
}
