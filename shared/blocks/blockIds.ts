import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { newBlockId } from './attrs.js';

/**
 * Gives every structured block a stable blockId: new blocks get one, and a pasted copy of an existing block
 * gets a fresh one (the first in document order keeps its id, on every client alike).
 */
export const BlockIds = Extension.create<{ types: string[] }>({
  name: 'blockIds',
  addOptions: () => ({ types: [] }),
  addProseMirrorPlugins() {
    const types = new Set(this.options.types);
    return [
      new Plugin({
        key: new PluginKey('blockIds'),
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((t) => t.docChanged)) return null;
          const seen = new Set<string>();
          const tr = state.tr;
          state.doc.descendants((node, pos) => {
            if (!types.has(node.type.name)) return true;
            const id = node.attrs.blockId as string | null;
            if (!id || seen.has(id)) tr.setNodeAttribute(pos, 'blockId', newBlockId());
            else seen.add(id);
            return true;
          });
          if (!tr.docChanged) return null;
          // Part of the change that caused it: undoing a split or a paste undoes the new id with it. (Marked out of the
          // history, it would take the whole change out of the history: y-undo reads the last transaction's mark.)
          if (transactions.some((t) => t.getMeta('addToHistory') === false)) tr.setMeta('addToHistory', false);
          return tr;
        },
      }),
    ];
  },
});
