import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<any, any>;
  /** The caret as Yjs relative positions, taken before the Yjs transaction being applied (y-tiptap's own). */
  beforeTransactionSelection: { type: string; anchor: Y.RelativePosition | null; head: Y.RelativePosition | null } | null;
}

/**
 * The caret follows others' typing in its own line (walkthrough: B typed at the start of an OKR item's text, A's caret
 * at its end stayed at the same offset, and A's next words went into the middle of the line).
 *
 * y-tiptap (3.0.9) puts the caret back after a change from the shared document from its Yjs relative position, which
 * follows the text exactly; but it then second-guesses that for drag-and-drop moves (`recoverSelectionEndpoint`): when
 * the caret's paragraph now holds different text it calls the position "misresolved" and looks the top-level block up
 * again, by text and then by attributes. Our structured blocks carry a distinctive `blockId`, so they are found by it
 * and the caret is put at its OLD offset in the line — any text typed before it by someone else is not counted.
 * (Plain paragraphs and lists have no distinctive attributes: the lookup finds nothing and the Yjs position stands.)
 *
 * So after such a change, wherever the Yjs position still points into live text (the characters it is tied to are
 * in the document, not deleted or moved), that position is the caret. A block moved or deleted leaves its old text
 * deleted in Yjs, and y-tiptap's recovery is kept for it.
 */
export const RemoteCaret = Extension.create({
  name: 'remoteCaret',
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('remoteCaret'),
      appendTransaction(trs, _old, state) {
        if (!trs.some((tr) => (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin)) return null;
        const b = (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding;
        // Set while y-tiptap applies the Yjs transaction (cleared after it): the same positions it restored from.
        const rel = b?.beforeTransactionSelection;
        if (!b || !rel || rel.type !== 'text' || !(state.selection instanceof TextSelection)) return null;
        const anchor = inLiveText(b, rel.anchor, state.doc);
        const head = inLiveText(b, rel.head, state.doc);
        if (anchor === null || head === null) return null;
        if (anchor === state.selection.anchor && head === state.selection.head) return null;
        return state.tr.setSelection(TextSelection.create(state.doc, anchor, head)).setMeta('addToHistory', false);
      },
    })];
  },
});

/** Where a relative position is in the document, when it is tied to text that is still there; else null. */
function inLiveText(b: Binding, rel: Y.RelativePosition | null, doc: PMNode): number | null {
  if (!rel) return null;
  const at = Y.createAbsolutePositionFromRelativePosition(rel, b.doc);
  if (!at || !(at.type instanceof Y.XmlText)) return null;
  // The text, and every element around it, is still in the document (a block moved by drag-and-drop is deleted and inserted anew).
  for (let item = at.type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) if (item.deleted) return null;
  if (!at.type._item || !Y.isParentOf(b.type, at.type._item)) return null;
  const pos = relativePositionToAbsolutePosition(b.doc, b.type, rel, b.mapping);
  if (pos === null || pos < 0 || pos > doc.content.size) return null;
  return doc.resolve(pos).parent.inlineContent ? pos : null;
}
