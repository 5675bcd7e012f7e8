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
          return tr.docChanged ? tr.setMeta('addToHistory', false) : null;
        },
      }),
    ];
  },
});
